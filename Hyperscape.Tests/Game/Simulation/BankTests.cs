using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class BankTests
{
    private static readonly Tile Booth = new(20, 20);
    private SimulationHarness _harness = null!;
    private long _booth;

    [SetUp]
    public void CreateWorld()
    {
        _harness = new SimulationHarness(objects: [new WorldObjectSpawn(WorldObjectKind.BankBooth, Booth)]);
        _booth = _harness.NodeAt(Booth);
    }

    private long Banker(Tile at, params (int Item, int Quantity)[] items) =>
        _harness.Join(at, s => s with { Inventory = SimulationHarness.InventoryOf(items) });

    private ItemStack[] BankOf(long player) => _harness.Sim.Context.Banks[player].ToArray();

    [Test]
    public void A_booth_within_two_tiles_opens_the_bank_and_items_move_both_ways()
    {
        var far = Banker(new Tile(23, 20));
        Assert.That(_harness.Do(PlayerAction.Interact(far, _booth)), Is.EqualTo(RejectionReason.TargetTooFar), "three tiles away");
        Assert.That(_harness.Do(PlayerAction.BankDeposit(far, 0, 1)), Is.EqualTo(RejectionReason.NoBank));

        var player = Banker(new Tile(22, 21), (ItemIds.Coins, 500), (ItemIds.Lobster, 3), (ItemIds.BronzeSword, 1));
        Assert.That(_harness.Do(PlayerAction.Interact(player, _booth)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Events(GameEventKind.BankOpened).Single().Subject, Is.EqualTo(player));

        Assert.That(_harness.Do(PlayerAction.BankDeposit(player, 0, 200)), Is.EqualTo(RejectionReason.None), "part of a stack");
        Assert.That(_harness.Do(PlayerAction.BankDeposit(player, 1, 0)), Is.EqualTo(RejectionReason.None), "every lobster carried, from three slots");
        Assert.That(BankOf(player), Is.EqualTo(new[] { new ItemStack(ItemIds.Coins, 200), new ItemStack(ItemIds.Lobster, 3) }));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Coins), Is.EqualTo(300));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Lobster), Is.Zero);

        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 1, 2)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Lobster), Is.EqualTo(2), "two lobsters, a slot each");
        Assert.That(BankOf(player)[1], Is.EqualTo(new ItemStack(ItemIds.Lobster, 1)));
        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 5, 1)), Is.EqualTo(RejectionReason.EmptySlot));
        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 480, 1)), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(_harness.Do(PlayerAction.BankDeposit(player, 27, 1)), Is.EqualTo(RejectionReason.EmptySlot));
        Assert.That(_harness.Do(PlayerAction.BankDeposit(player, 0, -1)), Is.EqualTo(RejectionReason.InvalidQuantity));

        Assert.That(_harness.Do(PlayerAction.BankDepositAll(player)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.FreeSlots(_harness.Get<Inventory>(player)), Is.EqualTo(Inventory.SlotCount));
        Assert.That(BankOf(player), Is.EqualTo(new[] { new ItemStack(ItemIds.Coins, 500), new ItemStack(ItemIds.Lobster, 3), new ItemStack(ItemIds.BronzeSword, 1) }));
        Assert.That(_harness.Events(GameEventKind.InventoryChanged).Count(e => e.Subject == player), Is.EqualTo(4), "each move is a transaction of its own");
    }

    [Test]
    public void Withdrawing_stops_at_a_full_inventory_and_an_overflow_is_refused()
    {
        var player = _harness.Join(new Tile(21, 21), s => s with
        {
            Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, int.MaxValue - 10), (ItemIds.Bones, 1), (ItemIds.Bones, 1)),
            Bank = [new ItemStack(ItemIds.Lobster, 40), new ItemStack(ItemIds.Coins, 100)],
        });
        _harness.Do(PlayerAction.Interact(player, _booth));
        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 1, 100)), Is.EqualTo(RejectionReason.QuantityOverflow));
        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 0, 40)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Lobster), Is.EqualTo(25), "25 free slots took 25 lobsters");
        Assert.That(BankOf(player)[0], Is.EqualTo(new ItemStack(ItemIds.Lobster, 15)));
        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 0, 1)), Is.EqualTo(RejectionReason.InventoryFull));
    }

    [Test]
    public void Deposit_all_is_all_or_nothing()
    {
        var stored = Enumerable.Range(1, 479).Select(i => new ItemStack(i + 1000, 1)).ToArray();
        var player = _harness.Join(new Tile(21, 21), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 10), (ItemIds.Logs, 1)), Bank = stored });
        _harness.Do(PlayerAction.Interact(player, _booth));
        Assert.That(_harness.Do(PlayerAction.BankDepositAll(player)), Is.EqualTo(RejectionReason.BankFull), "one free slot, two kinds");
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Coins), Is.EqualTo(10), "nothing moved");
        Assert.That(BankOf(player), Has.Length.EqualTo(479));
        Assert.That(_harness.Do(PlayerAction.BankDeposit(player, 0, 0)), Is.EqualTo(RejectionReason.None), "one kind still fits");
        Assert.That(_harness.Do(PlayerAction.BankDeposit(player, 1, 0)), Is.EqualTo(RejectionReason.BankFull));
    }

    [Test]
    public void Walking_away_closes_the_bank_and_the_bank_leaves_and_returns_with_its_owner()
    {
        var player = Banker(new Tile(21, 21), (ItemIds.Coins, 50));
        _harness.Do(PlayerAction.Interact(player, _booth));
        _harness.Do(PlayerAction.BankDeposit(player, 0, 0));
        Assert.That(_harness.Do(PlayerAction.Move(player, 30, 30)), Is.EqualTo(RejectionReason.None));
        Assert.That(_harness.Events(GameEventKind.BankClosed).Single().Subject, Is.EqualTo(player));
        Assert.That(_harness.Do(PlayerAction.BankWithdraw(player, 0, 1)), Is.EqualTo(RejectionReason.NoBank));
        Assert.That(_harness.Do(PlayerAction.BankClose(player)), Is.EqualTo(RejectionReason.NoBank));

        _harness.Sim.Leave(player);
        _harness.Step();
        var departed = _harness.Sim.Departed.Single();
        Assert.That(departed.Bank, Is.EqualTo(new[] { new ItemStack(ItemIds.Coins, 50) }));
        var back = _harness.Sim.Join(departed with { Position = Position.At(new Tile(21, 20)) });
        _harness.Step();
        Assert.That(BankOf(back), Is.EqualTo(new[] { new ItemStack(ItemIds.Coins, 50) }));
    }
}
