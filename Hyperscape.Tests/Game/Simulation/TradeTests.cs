using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Trading;

namespace Hyperscape.Tests.Game.Simulation;

public class TradeTests
{
    private SimulationHarness _harness = null!;
    private long _alice;
    private long _bob;

    [SetUp]
    public void TwoTraders()
    {
        _harness = new SimulationHarness();
        _alice = _harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 1000), (ItemIds.IronSword, 1)) });
        _bob = _harness.Join(new Tile(12, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Lobster, 3)) });
    }

    [Test]
    public void Both_accept_twice_and_the_offers_swap_atomically()
    {
        Open();
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_alice, 0, 600)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_bob, 1, 1)), Is.EqualTo(RejectionReason.None));
        Accept(_alice);
        Accept(_bob);
        Assert.That(_harness.Sim.Context.Trades.StageOf(_alice), Is.EqualTo(TradeStage.Confirm));
        Accept(_alice);
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(_alice), ItemIds.Coins), Is.EqualTo(1000), "nothing moves before the last accept");
        Accept(_bob);

        Assert.That(_harness.Sim.Context.Trades.IsTrading(_alice), Is.False);
        var alice = _harness.Get<Inventory>(_alice);
        var bob = _harness.Get<Inventory>(_bob);
        Assert.That(InventoryRules.CountOf(alice, ItemIds.Coins), Is.EqualTo(400));
        Assert.That(InventoryRules.CountOf(alice, ItemIds.Lobster), Is.EqualTo(1));
        Assert.That(InventoryRules.CountOf(alice, ItemIds.IronSword), Is.EqualTo(1));
        Assert.That(InventoryRules.CountOf(bob, ItemIds.Coins), Is.EqualTo(600));
        Assert.That(InventoryRules.CountOf(bob, ItemIds.Lobster), Is.EqualTo(2));
        var completed = _harness.Events(GameEventKind.TradeCompleted);
        Assert.That(completed, Has.Count.EqualTo(2));
        Assert.That(_harness.Events(GameEventKind.InventoryChanged).All(e => e.Transaction == completed[0].Transaction), Is.True);
    }

    [Test]
    public void Any_change_to_an_offer_clears_both_accepts()
    {
        Open();
        _harness.Do(PlayerAction.TradeOffer(_alice, 0, 10));
        Accept(_bob);
        _harness.Do(PlayerAction.TradeOffer(_alice, 0, 20));
        Accept(_alice);

        Assert.That(_harness.Sim.Context.Trades.StageOf(_alice), Is.EqualTo(TradeStage.Offer), "bob's accept was cleared by the change");
        Accept(_bob);
        Assert.That(_harness.Sim.Context.Trades.StageOf(_alice), Is.EqualTo(TradeStage.Confirm));
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_alice, 0, 30)), Is.EqualTo(RejectionReason.TradeLocked));
    }

    [Test]
    public void Declining_or_leaving_cancels_and_moves_nothing()
    {
        Open();
        _harness.Do(PlayerAction.TradeOffer(_alice, 0, 1000));
        Accept(_alice);
        Accept(_bob);
        Accept(_alice);
        _harness.Sim.Leave(_bob);
        _harness.Step();

        Assert.That(_harness.Events(GameEventKind.TradeCancelled), Has.Count.EqualTo(2));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(_alice), ItemIds.Coins), Is.EqualTo(1000));
        var bobSaved = _harness.Sim.Departed.Single();
        Assert.That(InventoryRules.CountOf(bobSaved.Inventory, ItemIds.Coins), Is.Zero);
        Assert.That(_harness.Do(PlayerAction.TradeAccept(_alice)), Is.EqualTo(RejectionReason.NoTrade));
    }

    [Test]
    public void A_swap_that_does_not_fit_is_refused_and_the_trade_stays_open()
    {
        var harness = new SimulationHarness();
        var full = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Bones, 28)) });
        var giver = harness.Join(new Tile(11, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Logs, 2)) });
        harness.Do(PlayerAction.TradeRequest(full, giver));
        harness.Do(PlayerAction.TradeRequest(giver, full));
        harness.Do(PlayerAction.TradeOffer(giver, 0, 1));
        harness.Do(PlayerAction.TradeOffer(giver, 1, 1));
        harness.Do(PlayerAction.TradeOffer(full, 0, 1));
        harness.Do(PlayerAction.TradeAccept(full));

        Assert.That(harness.Do(PlayerAction.TradeAccept(giver)), Is.EqualTo(RejectionReason.InventoryFull), "two logs for one bone do not fit");
        Assert.That(harness.Sim.Context.Trades.StageOf(full), Is.EqualTo(TradeStage.Offer));
    }

    [Test]
    public void Requests_need_range_and_a_free_partner_and_inventory_actions_wait_for_the_trade()
    {
        var far = _harness.Join(new Tile(40, 40));
        Assert.That(_harness.Do(PlayerAction.TradeRequest(_alice, far)), Is.EqualTo(RejectionReason.TargetTooFar));
        Assert.That(_harness.Do(PlayerAction.TradeRequest(_alice, _alice)), Is.EqualTo(RejectionReason.InvalidTarget));
        Assert.That(_harness.Do(PlayerAction.TradeRequest(_alice, 55_555)), Is.EqualTo(RejectionReason.TargetNotFound));
        Open();
        Assert.That(_harness.Do(PlayerAction.Drop(_alice, 0)), Is.EqualTo(RejectionReason.Busy));
        Assert.That(_harness.Do(PlayerAction.Equip(_alice, 1)), Is.EqualTo(RejectionReason.Busy));
        var third = _harness.Join(new Tile(11, 11));
        Assert.That(_harness.Do(PlayerAction.TradeRequest(third, _alice)), Is.EqualTo(RejectionReason.Busy));
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_alice, 5, 1)), Is.EqualTo(RejectionReason.EmptySlot));
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_alice, 0, 1001)), Is.EqualTo(RejectionReason.InvalidQuantity));
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_alice, 0, -1)), Is.EqualTo(RejectionReason.InvalidQuantity));
        Assert.That(_harness.Do(PlayerAction.TradeOffer(_alice, 28, 1)), Is.EqualTo(RejectionReason.InvalidSlot));
    }

    [Test]
    public void A_request_expires_and_walking_apart_cancels_the_trade()
    {
        Assert.That(_harness.Do(PlayerAction.TradeRequest(_alice, _bob)), Is.EqualTo(RejectionReason.None));
        _harness.Step(TradeBook.RequestTimeoutTicks + 1);
        _harness.Do(PlayerAction.TradeRequest(_bob, _alice));
        Assert.That(_harness.Sim.Context.Trades.IsTrading(_alice), Is.False, "the old request had expired");

        _harness.Do(PlayerAction.TradeRequest(_alice, _bob));
        Assert.That(_harness.Sim.Context.Trades.IsTrading(_alice), Is.True);
        _harness.Do(PlayerAction.SetRun(_bob, true));
        _harness.Do(PlayerAction.Move(_bob, 40, 10));
        _harness.Step(6);
        Assert.That(_harness.Sim.Context.Trades.IsTrading(_alice), Is.False);
        Assert.That(_harness.Events(GameEventKind.TradeCancelled).First().Reason, Is.EqualTo(RejectionReason.TargetTooFar));
    }

    private void Open()
    {
        Assert.That(_harness.Do(PlayerAction.TradeRequest(_alice, _bob)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Do(PlayerAction.TradeRequest(_bob, _alice)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Sim.Context.Trades.IsTrading(_alice), Is.True);
        Assert.That(_harness.Events(GameEventKind.TradeOpened), Has.Count.EqualTo(2));
    }

    private void Accept(long player) => Assert.That(_harness.Do(PlayerAction.TradeAccept(player)), Is.EqualTo(RejectionReason.None));
}
