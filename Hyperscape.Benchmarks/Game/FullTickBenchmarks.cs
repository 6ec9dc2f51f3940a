using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Hyperscape.Benchmarks.Game;

/// <summary>
/// One whole 600 ms game tick with 10,000 players and 50,000 NPCs: 5,000 players in melee with
/// NPCs (fists, swords, longswords and 2h swords, every stance, all praying) or, in the gathering
/// workload, chopping, mining and fishing at 1,000 nodes (those who stop are sent back, as a
/// player clicks again); 5,000 walking (500 new path searches per tick); the other NPCs wandering
/// or aggroing.
/// Walk orders are queued in the iteration setup because in production the socket threads do it,
/// not the tick.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 10, iterationCount: 60, invocationCount: 1)]
public class FullTickBenchmarks
{
    private BusyWorld _world = null!;

    [Params(BusyWorkload.Fighting, BusyWorkload.Gathering)]
    public BusyWorkload Workload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _world = new BusyWorld(players: 10_000, npcs: 50_000, walkOrdersPerTick: 500, Workload);

        // Past the first regeneration pulse, so every code path has run once.
        for (var i = 0; i < 120; i++)
        {
            _world.QueueWalkOrders();
            _world.Simulation.Step();
        }
    }

    [IterationSetup]
    public void QueueClicks() => _world.QueueWalkOrders();

    [Benchmark(Description = "tick: 10k players + 50k NPCs, half busy, half walking")]
    public void Tick() => _world.Simulation.Step();
}
