using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class NpcTests
{
    private static readonly Tile Home = new(30, 30);

    [Test]
    public void An_aggressive_npc_attacks_a_weak_player_within_four_tiles()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Goblin, Home)]);
        var goblin = harness.NpcNear(Home);
        var player = harness.Join(new Tile(30, 34));
        harness.Edit<Position>(goblin) = Position.At(Home);

        harness.Step(12);

        Assert.That(harness.Get<CombatState>(goblin).Target, Is.EqualTo(harness.EntityOf(player)));
        Assert.That(harness.Events(GameEventKind.Damage).Any(e => e.Subject == player && e.Other == goblin), Is.True);
    }

    [Test]
    public void An_aggressive_npc_ignores_players_out_of_range_or_above_twice_its_level()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Goblin, Home)]);
        var goblin = harness.NpcNear(Home);
        var strong = harness.Join(new Tile(31, 30), s => SimulationHarness.Strong(s, 10));
        var distant = harness.Join(new Tile(30, 40));

        for (var tick = 0; tick < 30; tick++)
        {
            harness.Edit<Position>(goblin) = Position.At(Home);
            harness.Step();
            Assert.That(harness.Get<CombatState>(goblin).Target.IsNull, Is.True, $"tick {tick}: level {harness.Get<Skills>(strong).CombatLevel} is above 2 × 2");
        }

        Assert.That(harness.Get<Skills>(distant).CombatLevel, Is.EqualTo(3));
    }

    [Test]
    public void A_passive_npc_leaves_players_alone()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, Home)]);
        var cow = harness.NpcNear(Home);
        harness.Join(new Tile(31, 30));

        harness.Step(20);

        Assert.That(harness.Get<CombatState>(cow).Target.IsNull, Is.True);
    }

    [Test]
    public void An_npc_chases_one_step_a_tick_and_gives_up_past_its_leash()
    {
        var harness = new SimulationHarness(size: 128, npcs: [new NpcSpawnPoint(NpcIds.Cow, Home)]);
        var cow = harness.NpcNear(Home);
        var player = harness.Join(new Tile(31, 30), s => SimulationHarness.Strong(s, 30) with { Running = true });
        harness.Edit<Position>(cow) = Position.At(Home);
        harness.Edit<Health>(cow) = new Health(5000, 5000);
        harness.Do(PlayerAction.Attack(player, cow));
        Assert.That(harness.Get<CombatState>(cow).Target, Is.EqualTo(harness.EntityOf(player)));

        harness.Do(PlayerAction.Move(player, 30, 100));
        var before = harness.TileOf(cow);
        harness.Step();
        Assert.That(harness.TileOf(cow).DistanceTo(before), Is.EqualTo(1), "one greedy step per tick");

        harness.Step(30);
        Assert.That(harness.Get<CombatState>(cow).Target.IsNull, Is.True, "the player ran past 42 tiles from the cow's home");
        harness.Step(60);
        Assert.That(harness.TileOf(cow).DistanceTo(Home), Is.LessThanOrEqualTo(NpcRules.WanderRange), "the cow went back home");
    }

    [Test]
    public void A_killed_npc_drops_loot_for_its_killer_counts_the_kill_and_respawns_after_25_ticks()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, Home)]);
        var cow = harness.NpcNear(Home);
        var player = harness.Join(new Tile(30, 29), s => SimulationHarness.Strong(s, 60));
        harness.Edit<Position>(cow) = Position.At(Home);
        harness.Edit<Health>(cow) = new Health(1, 8);

        harness.Act(PlayerAction.Attack(player, cow));
        for (var i = 0; i < 20 && !harness.Events(GameEventKind.Died).Any(); i++)
        {
            harness.Step();
        }

        var death = harness.Events(GameEventKind.Died).Single();
        var diedAt = harness.Sim.Tick;
        Assert.That(death.Subject, Is.EqualTo(cow));
        Assert.That(death.Other, Is.EqualTo(player));
        var kill = harness.Events(GameEventKind.NpcKilled).Single();
        Assert.That(kill, Is.EqualTo(new GameEvent(GameEventKind.NpcKilled, player, cow, NpcIds.Cow, 1, Transaction: death.Transaction)), "the kill is part of the loot's transaction");
        Assert.That(harness.Sim.Context.Kills.Get(1, NpcIds.Cow), Is.EqualTo(1));

        var loot = harness.GroundItems();
        Assert.That(loot.Select(l => l.Item.ItemId), Is.EquivalentTo(new[] { ItemIds.Bones, ItemIds.Cowhide, ItemIds.RawBeef }));
        Assert.That(loot.All(l => l.Item.OwnerId == player && l.Item.ProtectedUntilTick > harness.Sim.Tick), Is.True);
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Count(e => e.C == (int)ItemSource.NpcDrop), Is.EqualTo(3));
        Assert.That(harness.Sim.Context.TryResolve(cow, out _), Is.False);

        while (harness.Sim.Tick < diedAt + NpcRules.RespawnTicks - 1)
        {
            harness.Step();
        }

        Assert.That(harness.Events(GameEventKind.NpcSpawned), Is.Empty);
        harness.Step();
        var respawn = harness.Events(GameEventKind.NpcSpawned).Single();
        Assert.That(respawn.Subject, Is.Not.EqualTo(cow), "a new network id");
        Assert.That(harness.TileOf(respawn.Subject), Is.EqualTo(Home));
        Assert.That(harness.Get<Health>(respawn.Subject), Is.EqualTo(new Health(8, 8)));
    }
}
