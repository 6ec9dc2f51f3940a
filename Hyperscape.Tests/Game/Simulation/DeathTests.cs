using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Systems;

namespace Hyperscape.Tests.Game.Simulation;

public class DeathTests
{
    [Test]
    public void A_dead_player_drops_everything_once_and_respawns_after_seven_ticks()
    {
        var harness = new SimulationHarness();
        var equipment = default(Equipment);
        equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.BronzeSword, 1);
        var player = harness.Join(new Tile(20, 20), s => s with
        {
            Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 500), (ItemIds.Lobster, 2)),
            Equipment = equipment,
        });

        harness.Edit<Health>(player).Current = 0;
        harness.Step();
        var diedAt = harness.Sim.Tick;

        var died = harness.Events(GameEventKind.Died).Single();
        Assert.That(died.Subject, Is.EqualTo(player));
        var drops = harness.GroundItems();
        Assert.That(drops.Select(d => (d.Item.ItemId, d.Item.Quantity)),
            Is.EquivalentTo(new[] { (ItemIds.Coins, 500), (ItemIds.Lobster, 1), (ItemIds.Lobster, 1), (ItemIds.BronzeSword, 1) }));
        Assert.That(drops.All(d => d.Tile == new Tile(20, 20) && d.Item.OwnerId == player), Is.True);
        Assert.That(InventoryRules.FreeSlots(harness.Get<Inventory>(player)), Is.EqualTo(28));
        Assert.That(harness.Get<Equipment>(player).Slots[(int)EquipmentSlot.Weapon].IsEmpty, Is.True);
        Assert.That(harness.Events(GameEventKind.GroundItemSpawned).All(e => e.Transaction == died.Transaction), Is.True, "one transaction");

        Assert.That(harness.Do(PlayerAction.Move(player, 30, 30)), Is.EqualTo(RejectionReason.PlayerDead));
        while (harness.Sim.Tick < diedAt + 6)
        {
            harness.Step();
        }

        Assert.That(harness.Events(GameEventKind.Respawned), Is.Empty);
        harness.Step();
        Assert.That(harness.Events(GameEventKind.Respawned).Single().Subject, Is.EqualTo(player));
        Assert.That(harness.TileOf(player), Is.EqualTo(new Tile(1, 1)));
        Assert.That(harness.Get<Health>(player), Is.EqualTo(new Health(10, 10)));
        Assert.That(harness.GroundItems(), Has.Count.EqualTo(4), "the drops stay where the player fell");
    }

    [Test]
    public void Processing_the_same_death_twice_drops_items_once()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(20, 20), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 77)) });
        var entity = harness.EntityOf(player);
        var context = harness.Sim.Context;

        Assert.That(DeathSystem.ResolvePlayerDeath(context, entity, deathId: 9001), Is.True);
        Assert.That(DeathSystem.ResolvePlayerDeath(context, entity, deathId: 9001), Is.False);

        var coins = harness.GroundItems().Where(g => g.Item.ItemId == ItemIds.Coins).Sum(g => g.Item.Quantity);
        Assert.That(coins, Is.EqualTo(77));
        Assert.That(context.Deaths.IsClaimed(9001), Is.True);
    }

    [Test]
    public void A_death_replayed_from_storage_is_refused_by_the_lock()
    {
        var harness = new SimulationHarness();
        harness.Sim.Context.Deaths.TryClaim(42);
        var player = harness.Join(new Tile(20, 20), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 5)) });

        Assert.That(DeathSystem.ResolvePlayerDeath(harness.Sim.Context, harness.EntityOf(player), 42), Is.False);
        Assert.That(harness.GroundItems(), Is.Empty);
        Assert.That(harness.Get<Inventory>(player).Slots[0], Is.EqualTo(new ItemStack(ItemIds.Coins, 5)));
    }

    [Test]
    public void Health_regenerates_one_point_every_100_ticks_only_out_of_combat()
    {
        var harness = new SimulationHarness();
        var resting = harness.Join(new Tile(10, 10));
        var fighting = harness.Join(new Tile(20, 10));
        harness.Edit<Health>(resting).Current = 4;
        harness.Edit<Health>(fighting).Current = 4;

        while (harness.Sim.Tick < 99)
        {
            harness.Edit<CombatState>(fighting).InCombatUntilTick = harness.Sim.Tick + 17;
            harness.Step();
        }

        Assert.That(harness.Get<Health>(resting).Current, Is.EqualTo(4));
        harness.Edit<CombatState>(fighting).InCombatUntilTick = harness.Sim.Tick + 17;
        harness.Step();
        Assert.That(harness.Sim.Tick, Is.EqualTo(100));
        Assert.That(harness.Get<Health>(resting).Current, Is.EqualTo(5));
        Assert.That(harness.Get<Health>(fighting).Current, Is.EqualTo(4));
        harness.Step(100);
        Assert.That(harness.Get<Health>(resting).Current, Is.EqualTo(6));
    }
}
