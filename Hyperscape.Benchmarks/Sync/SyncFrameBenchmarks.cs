using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// Building one 20 Hz frame for 2,000 clients that each see about 100 walking players. The world
/// changes once a tick (every 12 frames) and interest refreshes are staggered over the first
/// frames after it, so each of those frames is measured: the heaviest is the worst case.
/// <see cref="SyncTickBenchmarks"/> gives the average frame.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 5, iterationCount: 30, invocationCount: 1)]
public class SyncFrameBenchmarks
{
    private readonly CountingSink _sink = new();
    private SyncTown _town = null!;

    /// <summary>Which frame after the tick is measured (0 = the first).</summary>
    [Params(0, 1, 2, 3, 4, 5, 6)]
    public int FrameIndex { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _town = new SyncTown(clients: 2_000, seenEach: 100);
        for (var tick = 0; tick < 8; tick++)
        {
            _town.Tick();
            Frames(_town.FramesPerTick);
        }
    }

    [IterationSetup]
    public void TickThenEarlierFrames()
    {
        _town.Tick();
        Frames(FrameIndex);
    }

    [IterationCleanup]
    public void RestOfTheTick() => Frames(_town.FramesPerTick - FrameIndex - 1);

    [Benchmark(Description = "one frame, N frames after a tick")]
    public void FrameAfterTick() => _town.BuildFrame(_sink);

    private void Frames(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _town.BuildFrame(_sink);
        }
    }
}
