using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Tests.Game.Simulation;

public class DeterminismTests
{
    [Test]
    public void The_same_seed_and_actions_give_the_same_state_hash()
    {
        var first = Run(seed: 5, ticks: 400);
        var second = Run(seed: 5, ticks: 400);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_different_seed_gives_a_different_world()
    {
        Assert.That(Run(seed: 6, ticks: 400), Is.Not.EqualTo(Run(seed: 5, ticks: 400)));
    }

    [Test]
    public void A_different_action_gives_a_different_world()
    {
        Assert.That(Run(seed: 5, ticks: 400, extraMove: true), Is.Not.EqualTo(Run(seed: 5, ticks: 400)));
    }

    [TestCase(Hyperscape.Benchmarks.Game.BusyWorkload.Fighting)]
    [TestCase(Hyperscape.Benchmarks.Game.BusyWorkload.Gathering)]
    public void Arrows_spells_and_making_replay_to_the_same_hash(Hyperscape.Benchmarks.Game.BusyWorkload workload)
    {
        // The benchmark's busy world: melee, archers (arrows in flight and piles), mages
        // (spells in flight), gatherers, smelters and fletchers.
        ulong RunBusy()
        {
            var world = new Hyperscape.Benchmarks.Game.BusyWorld(players: 120, npcs: 200, walkOrdersPerTick: 5, workload);
            for (var tick = 0; tick < 100; tick++)
            {
                world.QueueWalkOrders();
                world.Simulation.Step();
            }

            return world.Simulation.ComputeStateHash();
        }

        var first = RunBusy();
        var second = RunBusy();
        Assert.That(second, Is.EqualTo(first));
    }

    private static ulong Run(long seed, int ticks, bool extraMove = false)
    {
        var simulation = new Ecs.Game.Simulation(SimulationOptions.CreateDefault(seed));
        var script = new Random(99);
        var players = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            players.Add(simulation.Join(new CharacterState { CharacterId = i + 1, Name = $"bot{i}", Position = Position.At(new Tile(120 + i, 126)) }));
        }

        for (var tick = 0; tick < ticks; tick++)
        {
            foreach (var player in players)
            {
                if (script.Next(4) == 0)
                {
                    simulation.Enqueue(script.Next(3) == 0
                        ? PlayerAction.Attack(player, script.Next(1, 40))
                        : PlayerAction.Move(player, script.Next(100, 160), script.Next(100, 160)));
                }
            }

            if (extraMove && tick == 200)
            {
                simulation.Enqueue(PlayerAction.Move(players[0], 150, 150));
            }

            simulation.Step();
        }

        return simulation.ComputeStateHash();
    }
}
