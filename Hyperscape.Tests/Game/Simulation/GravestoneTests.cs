using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>
/// A dead player's items wait in a gravestone that only its owner may loot for 1,500 ticks; then it
/// breaks and the items lie on the ground for anyone for 6,000 more.
/// </summary>
public class GravestoneTests
{
    [Test]
    public void Only_the_owner_loots_a_gravestone_and_only_from_beside_it()
    {
        var harness = new SimulationHarness();
        var (owner, grave) = Die(harness, new Tile(20, 20), (ItemIds.Coins, 500), (ItemIds.Lobster, 1), (ItemIds.BronzeSword, 1));
        var stranger = harness.Join(new Tile(20, 21));
        var dropped = harness.Join(new Tile(30, 30), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Logs, 1)) });
        harness.Do(PlayerAction.Drop(dropped, 0));
        var groundItem = harness.GroundItems().Single().Id;

        Assert.Multiple(() =>
        {
            Assert.That(harness.Do(PlayerAction.LootGravestone(stranger, grave)), Is.EqualTo(RejectionReason.NotYourItem), "someone else's grave, however close");
            Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.TargetTooFar), "the owner respawned far away");
            Assert.That(harness.Do(PlayerAction.LootGravestone(owner, 987_654)), Is.EqualTo(RejectionReason.TargetNotFound));
            Assert.That(harness.Do(PlayerAction.LootGravestone(owner, groundItem)), Is.EqualTo(RejectionReason.InvalidTarget), "a ground item is not a gravestone");
        });
        Assert.That(harness.Get<Inventory>(stranger).Slots[0].IsEmpty, Is.True);

        harness.Edit<Position>(owner) = Position.At(new Tile(21, 21));
        Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.None), "diagonally next to it");

        var inventory = harness.Get<Inventory>(owner);
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.Coins), Is.EqualTo(500));
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.Lobster), Is.EqualTo(1));
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.BronzeSword), Is.EqualTo(1));
        Assert.That(harness.Gravestones(), Is.Empty, "an emptied gravestone goes");
        var emptied = harness.Events(GameEventKind.GravestoneBroken).Single();
        Assert.That((emptied.Subject, emptied.Other, emptied.A), Is.EqualTo((owner, grave, 0)));
        Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.TargetNotFound));
    }

    [Test]
    public void What_does_not_fit_stays_in_the_gravestone()
    {
        var harness = new SimulationHarness();
        var (owner, grave) = Die(harness, new Tile(20, 20), (ItemIds.Coins, 500), (ItemIds.Lobster, 1), (ItemIds.BronzeSword, 1));
        harness.Edit<Position>(owner) = Position.At(new Tile(20, 20));

        // 27 logs and the coins' stack: only the coins (joining the stack) and one more item fit.
        var full = SimulationHarness.InventoryOf((ItemIds.Coins, 1));
        for (var slot = 1; slot < 27; slot++)
        {
            full.Slots[slot] = new ItemStack(ItemIds.Logs, 1);
        }

        harness.Edit<Inventory>(owner) = full;
        Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.None));
        var inventory = harness.Get<Inventory>(owner);
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.Coins), Is.EqualTo(501), "coins join their stack");
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.Lobster), Is.EqualTo(1), "the lobster took the last slot");
        var left = harness.Gravestones().Single().Grave;
        Assert.That(left.StackCount, Is.EqualTo(1));
        Assert.That(((ReadOnlySpan<ItemStack>)left.Slots).ToArray().Single(s => !s.IsEmpty), Is.EqualTo(new ItemStack(ItemIds.BronzeSword, 1)));
        Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.InventoryFull), "nothing more fits");
        Assert.That(harness.Gravestones().Single().Grave.StackCount, Is.EqualTo(1));
    }

    [Test]
    public void A_gravestone_breaks_after_1500_ticks_into_ground_items_anyone_may_take_for_an_hour()
    {
        var harness = new SimulationHarness();
        var (owner, grave) = Die(harness, new Tile(20, 20), (ItemIds.Coins, 500), (ItemIds.Lobster, 1));
        var breaksAt = harness.Gravestones().Single().Grave.BreaksAtTick;
        var stranger = harness.Join(new Tile(20, 21));

        harness.Step((int)(breaksAt - harness.Sim.Tick - 1));
        Assert.That(harness.Gravestones(), Has.Count.EqualTo(1), "one tick before it breaks");
        Assert.That(harness.GroundItems(), Is.Empty);
        harness.Step();

        Assert.That(harness.Sim.Tick, Is.EqualTo(breaksAt));
        Assert.That(harness.Gravestones(), Is.Empty);
        var items = harness.GroundItems();
        Assert.That(items.Select(i => (i.Item.ItemId, i.Item.Quantity, i.Tile)), Is.EquivalentTo(new[] { (ItemIds.Coins, 500, new Tile(20, 20)), (ItemIds.Lobster, 1, new Tile(20, 20)) }));
        Assert.That(items.All(i => i.Item.OwnerId == 0 && i.Item.ProtectedUntilTick == 0), Is.True, "anyone's");
        Assert.That(items.All(i => i.Item.DespawnAtTick == breaksAt + 6000), Is.True, "for an hour");
        var broken = harness.Events(GameEventKind.GravestoneBroken).Single();
        Assert.That((broken.Subject, broken.Other, broken.A), Is.EqualTo((owner, grave, 2)), "the owner is told");
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Concat(harness.Events(GameEventKind.ItemsDestroyed)), Is.Empty, "items moved, none made or lost");

        var coins = items.Single(i => i.Item.ItemId == ItemIds.Coins).Id;
        Assert.That(harness.Do(PlayerAction.Pickup(stranger, coins)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.CountOf(harness.Get<Inventory>(stranger), ItemIds.Coins), Is.EqualTo(500));

        harness.Step((int)(breaksAt + 6000 - harness.Sim.Tick - 1));
        Assert.That(harness.GroundItems(), Has.Count.EqualTo(1), "the lobster lies there until the hour is up");
        harness.Step();
        Assert.That(harness.GroundItems(), Is.Empty);
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Single().C, Is.EqualTo((int)ItemSink.Despawned));
    }

    [Test]
    public void An_owner_who_logs_back_in_is_reminded_and_loots_under_a_new_network_id()
    {
        var harness = new SimulationHarness();
        var (owner, grave) = Die(harness, new Tile(20, 20), (ItemIds.Coins, 500));
        harness.Sim.Leave(owner);
        harness.Step();
        var state = harness.Sim.Departed.Single() with { Position = Position.At(new Tile(20, 21)) };
        var back = harness.Sim.Join(state);
        harness.Step();

        Assert.That(back, Is.Not.EqualTo(owner));
        var reminder = harness.Events(GameEventKind.GravestoneCreated).Last();
        Assert.That((reminder.Subject, reminder.Other, reminder.A), Is.EqualTo((back, grave, 1)));
        Assert.That(reminder.B, Is.EqualTo(harness.Gravestones().Single().Grave.BreaksAtTick - harness.Sim.Tick), "the ticks it has left");
        Assert.That(harness.Do(PlayerAction.LootGravestone(back, grave)), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.CountOf(harness.Get<Inventory>(back), ItemIds.Coins), Is.EqualTo(500));
    }

    [Test]
    public void A_gravestone_is_stored_with_its_death_and_comes_back_from_storage_exactly_as_it_stood()
    {
        var options = new SimulationOptions { Map = new TileMap(32, 32), PlayerSpawn = new Tile(1, 1), RecordItemTransactions = true };
        var first = new Ecs.Game.Simulation(options);
        var player = first.Join(new CharacterState { CharacterId = 7, Name = "p", Position = Position.At(new Tile(10, 10)), Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 40), (ItemIds.Bones, 1)) });
        first.Step();
        first.Context.TryResolve(player, out var entity);
        first.World.Get<Health>(entity).Current = 0;
        first.Step();

        var death = first.ItemTransactions.Single(t => t.Kind == ItemTransactionKind.Death);
        var stored = death.Gravestones.Single();
        Assert.That(death.Death!.ItemsDropped, Is.EqualTo(2));
        Assert.That((stored.DeathId, stored.CharacterId, stored.Position.Tile), Is.EqualTo((death.Id, 7L, new Tile(10, 10))));
        Assert.That(stored.Items.Where(s => !s.IsEmpty), Is.EqualTo(new[] { new ItemStack(ItemIds.Coins, 40), new ItemStack(ItemIds.Bones, 1) }));
        Assert.That(stored.BreaksIn, Is.EqualTo(TimeSpan.FromMilliseconds(600 * 1500)));
        Assert.That(death.Characters.Single().Inventory.Slots[0].IsEmpty, Is.True, "the same transaction empties the player");

        // A restart 100 ticks' worth of time later: the grave stands again with what it had left.
        var second = new Ecs.Game.Simulation(options with { FirstId = first.Context.LastId + 1 });
        second.RestoreGravestones([stored with { BreaksIn = stored.BreaksIn - TimeSpan.FromMilliseconds(600 * 100) }]);
        Assert.That(second.Context.TryResolve(stored.Id, out var restored), Is.True);
        var grave = second.World.GetReadOnly<Gravestone>(restored);
        Assert.That((grave.OwnerCharacterId, grave.DeathId, grave.BreaksAtTick), Is.EqualTo((7L, death.Id, second.Tick + 1400)));
        Assert.That(((ReadOnlySpan<ItemStack>)grave.Slots).ToArray(), Is.EqualTo(stored.Items.ToArray()));

        // One whose time ran out while the server was down breaks on the first tick.
        var third = new Ecs.Game.Simulation(options with { FirstId = first.Context.LastId + 1 });
        third.RestoreGravestones([stored with { BreaksIn = TimeSpan.Zero }]);
        third.Step();
        Assert.That(third.ItemTransactions.Single().Kind, Is.EqualTo(ItemTransactionKind.GravestoneBroken));
        Assert.That(third.ItemTransactions.Single().GravestonesRemoved, Is.EqualTo(new[] { stored.Id }));
        Assert.That(third.ItemTransactions.Single().GroundItemsAdded.Select(g => (g.ItemId, g.Quantity, g.DespawnsIn)),
            Is.EquivalentTo(new[] { (ItemIds.Coins, 40, (TimeSpan?)TimeSpan.FromHours(1)), (ItemIds.Bones, 1, (TimeSpan?)TimeSpan.FromHours(1)) }));
    }

    [Test]
    public void A_stored_gravestone_that_cannot_be_valid_here_is_refused()
    {
        var simulation = new Ecs.Game.Simulation(new SimulationOptions { Map = new TileMap(16, 16), FirstId = 100 });
        var items = new ItemStack[Gravestone.SlotCount];
        items[0] = new ItemStack(ItemIds.Coins, 1);
        var good = new StoredGravestone(50, 49, 1, Position.At(new Tile(3, 3)), items, TimeSpan.FromMinutes(1));
        var unknownItem = items.ToArray();
        unknownItem[1] = new ItemStack(99_999, 1);

        Assert.Throws<ArgumentException>(() => simulation.RestoreGravestones([good with { Id = 500 }]), "an id this instance may hand out");
        Assert.Throws<ArgumentException>(() => simulation.RestoreGravestones([good with { Items = unknownItem }]));
        Assert.Throws<ArgumentException>(() => simulation.RestoreGravestones([good with { Items = new ItemStack[Gravestone.SlotCount + 1] }]));
        simulation.RestoreGravestones([good]);
        Assert.Throws<ArgumentException>(() => simulation.RestoreGravestones([good]), "the same grave twice");
    }

    [Test]
    public void Looting_is_refused_while_trading_and_while_dead()
    {
        var harness = new SimulationHarness();
        var (owner, grave) = Die(harness, new Tile(20, 20), (ItemIds.Coins, 5));
        harness.Edit<Position>(owner) = Position.At(new Tile(20, 20));
        var friend = harness.Join(new Tile(20, 21));
        harness.Do(PlayerAction.TradeRequest(owner, friend));
        harness.Do(PlayerAction.TradeRequest(friend, owner));
        Assert.That(harness.Sim.Context.Trades.IsTrading(owner), Is.True);
        Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.Busy));
        harness.Do(PlayerAction.TradeDecline(owner));

        harness.Edit<Health>(owner).Current = 0;
        harness.Step();
        Assert.That(harness.Do(PlayerAction.LootGravestone(owner, grave)), Is.EqualTo(RejectionReason.PlayerDead));
    }

    /// <summary>Kills a player carrying <paramref name="items"/> at <paramref name="at"/> and waits out its respawn.</summary>
    private static (long Owner, long Grave) Die(SimulationHarness harness, Tile at, params (int Item, int Quantity)[] items)
    {
        var owner = harness.Join(at, s => s with { Inventory = SimulationHarness.InventoryOf(items) });
        harness.Edit<Health>(owner).Current = 0;
        harness.Step(1 + harness.Sim.Context.Options.DeathAnimationTicks);
        Assert.That(harness.Events(GameEventKind.Respawned), Has.Count.EqualTo(1));
        return (owner, harness.Gravestones().Single().Id);
    }
}
