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
    public void A_dead_player_leaves_everything_in_one_gravestone_and_respawns_after_seven_ticks()
    {
        var harness = new SimulationHarness();
        var equipment = default(Equipment);
        equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.BronzeSword, 1);
        var player = harness.Join(new Tile(20, 20), s => s with
        {
            Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 500), (ItemIds.Lobster, 2)),
            Equipment = equipment,
        });
        var character = harness.Get<Player>(player).CharacterId;

        harness.Edit<Health>(player).Current = 0;
        harness.Step();
        var diedAt = harness.Sim.Tick;

        var died = harness.Events(GameEventKind.Died).Single();
        Assert.That(died.Subject, Is.EqualTo(player));
        Assert.That(harness.GroundItems(), Is.Empty, "nothing falls to the ground while the gravestone stands");
        var (graveId, grave, tile) = harness.Gravestones().Single();
        Assert.That(tile, Is.EqualTo(new Tile(20, 20)));
        Assert.That(grave.OwnerCharacterId, Is.EqualTo(character));
        Assert.That(grave.DeathId, Is.EqualTo(died.Transaction));
        Assert.That(grave.BreaksAtTick, Is.EqualTo(diedAt + 1500), "15 minutes of 600 ms ticks");

        // The inventory's slots as they were, then the equipment's in its own slot order.
        var expected = new ItemStack[Gravestone.SlotCount];
        expected[0] = new ItemStack(ItemIds.Coins, 500);
        expected[1] = new ItemStack(ItemIds.Lobster, 1);
        expected[2] = new ItemStack(ItemIds.Lobster, 1);
        expected[Inventory.SlotCount + (int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.BronzeSword, 1);
        Assert.That(((ReadOnlySpan<ItemStack>)grave.Slots).ToArray(), Is.EqualTo(expected));
        Assert.That(InventoryRules.FreeSlots(harness.Get<Inventory>(player)), Is.EqualTo(28));
        Assert.That(harness.Get<Equipment>(player).Slots[(int)EquipmentSlot.Weapon].IsEmpty, Is.True);
        var created = harness.Events(GameEventKind.GravestoneCreated).Single();
        Assert.That((created.Subject, created.Other, created.A, created.B, created.Transaction), Is.EqualTo((player, graveId, 4, 1500, died.Transaction)), "the owner is told, in the death's transaction");

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
        Assert.That(harness.Gravestones().Single().Id, Is.EqualTo(graveId), "the gravestone stays where the player fell");
    }

    [Test]
    public void A_player_who_dies_with_nothing_leaves_no_gravestone()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(20, 20), s => s with { Inventory = default });

        harness.Edit<Health>(player).Current = 0;
        harness.Step();

        Assert.That(harness.Events(GameEventKind.Died), Has.Count.EqualTo(1));
        Assert.That(harness.Gravestones(), Is.Empty);
        Assert.That(harness.Events(GameEventKind.GravestoneCreated), Is.Empty);
    }

    [Test]
    public void Processing_the_same_death_twice_fills_one_gravestone()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(20, 20), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 77)) });
        var entity = harness.EntityOf(player);
        var context = harness.Sim.Context;

        Assert.That(DeathSystem.ResolvePlayerDeath(context, entity, deathId: 9001), Is.True);
        Assert.That(DeathSystem.ResolvePlayerDeath(context, entity, deathId: 9001), Is.False);

        var grave = harness.Gravestones().Single().Grave;
        Assert.That(grave.Slots[0], Is.EqualTo(new ItemStack(ItemIds.Coins, 77)));
        Assert.That(grave.StackCount, Is.EqualTo(1));
        Assert.That(context.Deaths.IsClaimed(9001), Is.True);
    }

    [Test]
    public void A_death_replayed_from_storage_is_refused_by_the_lock()
    {
        var harness = new SimulationHarness();
        harness.Sim.Context.Deaths.TryClaim(42);
        var player = harness.Join(new Tile(20, 20), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 5)) });

        Assert.That(DeathSystem.ResolvePlayerDeath(harness.Sim.Context, harness.EntityOf(player), 42), Is.False);
        Assert.That(harness.Gravestones(), Is.Empty);
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
