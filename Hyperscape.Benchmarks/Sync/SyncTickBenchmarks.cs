using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// All 12 frames of one tick for 2,000 clients each seeing about 100 walking players: the mean
/// over 12 is the average 20 Hz frame.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class SyncTickBenchmarks
{
    private readonly CountingSink _sink = new();
    private SyncTown _town = null!;

    [GlobalSetup]
    public void Setup()
    {
        _town = new SyncTown(clients: 2_000, seenEach: 100);
        for (var tick = 0; tick < 8; tick++)
        {
            _town.Tick();
            TwelveFrames();
        }
    }

    [IterationSetup]
    public void Tick() => _town.Tick();

    [Benchmark(Description = "all 12 frames of a tick (÷ 12 = mean frame)")]
    public void TwelveFrames()
    {
        for (var i = 0; i < _town.FramesPerTick; i++)
        {
            _town.BuildFrame(_sink);
        }
    }
}
