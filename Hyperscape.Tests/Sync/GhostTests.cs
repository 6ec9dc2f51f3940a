using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Sync;
using Hyperscape.Tests.Game.Simulation;

namespace Hyperscape.Tests.Sync;

/// <summary>
/// Ghosts: another zone's entities near the border, shown read-only. They are synced like real
/// entities, refused as targets, never part of the state, gone when not refreshed; a player leaving
/// for another zone stays on screen until that zone's ghost of it takes its place in one tick.
/// </summary>
[TestFixture]
public sealed class GhostTests
{
    private const long OtherZone = 2L << 40;

    [Test]
    public void A_ghost_is_shown_moved_by_its_refreshes_and_gone_when_they_stop()
    {
        var world = new SyncWorld(32, []);
        var watcher = world.Connect(1, world.Join(new Tile(16, 16), 1));
        world.Tick();

        world.Simulation.ReceiveGhosts([Goblin(new Tile(18, 16))], lifetimeTicks: 3);
        world.Tick();
        Assert.That(watcher.Entities.TryGetValue(OtherZone + 5, out var shown), Is.True, "the ghost is synced like any entity");
        Assert.That((shown!.Kind, shown.X, shown.Health, shown.MaxHealth), Is.EqualTo((WireEntityKind.Npc, 18f, 4, 5)));

        world.Simulation.ReceiveGhosts([Goblin(new Tile(19, 16))], lifetimeTicks: 3);
        world.Tick();
        Assert.That(watcher.Entities[OtherZone + 5].X, Is.EqualTo(19f), "a refresh moves it");

        world.Tick();
        world.Tick();
        Assert.That(watcher.Entities.ContainsKey(OtherZone + 5), Is.True, "two ticks without a refresh: still there");
        world.Tick();
        Assert.That(watcher.Entities.ContainsKey(OtherZone + 5), Is.False, "the third: gone");
        Assert.That(world.Simulation.Context.TryResolve(OtherZone + 5, out _), Is.False);
    }

    [Test]
    public void Actions_against_a_ghost_are_refused_as_in_another_zone()
    {
        var harness = new SimulationHarness(size: 32);
        var player = harness.Join(new Tile(10, 10));
        harness.Sim.ReceiveGhosts([Goblin(new Tile(11, 10)), Walker(OtherZone + 6, characterId: 99, new Tile(10, 11))], lifetimeTicks: 10);
        harness.Step();

        Assert.That(harness.Do(new PlayerAction(player, ActionKind.Attack, Target: OtherZone + 5)), Is.EqualTo(RejectionReason.InAnotherZone));
        Assert.That(harness.Do(new PlayerAction(player, ActionKind.TradeRequest, Target: OtherZone + 6)), Is.EqualTo(RejectionReason.InAnotherZone));
        Assert.That(harness.Do(new PlayerAction(player, ActionKind.CastSpell, Target: OtherZone + 5, Value: 1)), Is.EqualTo(RejectionReason.InAnotherZone));
        Assert.That(harness.Get<Health>(player).Current, Is.EqualTo(harness.Get<Health>(player).Max), "nothing happened to anyone");
    }

    [Test]
    public void Ghosts_are_not_part_of_the_world_state()
    {
        var plain = new SimulationHarness(size: 32, seed: 11);
        var bordered = new SimulationHarness(size: 32, seed: 11);
        plain.Join(new Tile(5, 5));
        bordered.Join(new Tile(5, 5));
        bordered.Sim.ReceiveGhosts([Goblin(new Tile(6, 6))], lifetimeTicks: 50);
        plain.Step(5);
        bordered.Step(5);

        Assert.That(bordered.Sim.Context.TryResolve(OtherZone + 5, out _), Is.True);
        Assert.That(bordered.Sim.ComputeStateHash(), Is.EqualTo(plain.Sim.ComputeStateHash()));
    }

    [Test]
    public void A_player_leaving_for_another_zone_is_seen_exactly_once_in_every_frame_until_it_comes_back()
    {
        var world = new SyncWorld(32, [], durable: true);
        var walker = world.Join(new Tile(15, 16), 7);
        var watcher = world.Connect(1, world.Join(new Tile(12, 16), 1));
        world.Tick();
        Assert.That(OthersSeen(watcher), Is.EqualTo(new[] { walker }));

        // The walker crosses: saved as it leaves, its entity stays on screen as a ghost.
        world.Simulation.LeaveAsGhost(walker, lifetimeTicks: 20);
        EveryFrameSeesOne(world, watcher, ticks: 2);
        Assert.That(world.Storage!.Saved.Select(s => s.CharacterId), Does.Contain(7L), "its departure was saved");
        Assert.That(OthersSeen(watcher), Is.EqualTo(new[] { walker }), "the same entity, read-only now");
        var captured = new List<GhostState>();
        world.Simulation.CaptureGhosts(_ => true, captured);
        Assert.That(captured.Where(g => g.CharacterId == 7).Select(g => g.NetworkId), Is.EqualTo(new[] { walker }), "its own copy is sent to the neighbours too");

        // The other zone's ghost of it replaces this zone's copy within one tick.
        world.Simulation.ReceiveGhosts([Walker(OtherZone + 40, characterId: 7, new Tile(16, 16))]);
        EveryFrameSeesOne(world, watcher, ticks: 1);
        Assert.That(OthersSeen(watcher), Is.EqualTo(new[] { OtherZone + 40 }));
        captured.Clear();
        world.Simulation.CaptureGhosts(_ => true, captured);
        Assert.That(captured.Where(g => g.CharacterId == 7), Is.Empty, "a neighbour's ghost is never sent back");

        // It walks back into this zone: the real player replaces the ghost in the tick it joins.
        var back = world.Join(new Tile(15, 16), 7);
        EveryFrameSeesOne(world, watcher, ticks: 2);
        Assert.That(OthersSeen(watcher), Is.EqualTo(new[] { back }));
        world.Simulation.ReceiveGhosts([Walker(OtherZone + 40, characterId: 7, new Tile(16, 16))]);
        EveryFrameSeesOne(world, watcher, ticks: 2);
        Assert.That(OthersSeen(watcher), Is.EqualTo(new[] { back }), "a late ghost of a character who is here is ignored");
    }

    private static void EveryFrameSeesOne(SyncWorld world, ReferenceClient watcher, int ticks)
    {
        for (var frame = 0; frame < ticks * world.Server.FramesPerTick; frame++)
        {
            world.Frames(1);
            Assert.That(OthersSeen(watcher), Has.Count.EqualTo(1), $"frame {world.Server.Frame}");
        }
    }

    private static List<long> OthersSeen(ReferenceClient client) =>
        [.. client.Entities.Where(e => e.Value.Kind == WireEntityKind.Player && e.Key != client.PlayerNetworkId).Select(e => e.Key)];

    private static GhostState Goblin(Tile at) => new(OtherZone + 5, 0, WireEntityKind.Npc, NpcIds.Goblin, Position.At(at), 0, 4, 5);

    private static GhostState Walker(long id, long characterId, Tile at) => new(id, characterId, WireEntityKind.Player, 0, Position.At(at), 0, 10, 10);
}
