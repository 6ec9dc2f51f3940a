using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// The 2,000-client town's frames (all 12 of a tick, as <see cref="SyncTickBenchmarks"/>) built
/// on one thread and on two (<see cref="Ecs.Sync.SyncOptions.Parallelism"/>), in one run: the
/// ratio of the two rows is the speed-up. The bytes each run sent are printed at the end; a test
/// (ParallelSyncTests) checks that every client's bytes are identical whatever the thread count.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class ParallelSyncBenchmarks
{
    private readonly CountingSink _sink = new();
    private SyncTown _town = null!;

    /// <summary>Threads that build a frame (the game thread included).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _town = new SyncTown(clients: 2_000, seenEach: 100, parallelism: Threads);
        for (var tick = 0; tick < 8; tick++)
        {
            _town.Tick();
            TwelveFrames();
        }

        _sink.Reset();
    }

    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// {Threads} thread(s): {_sink.Packets:N0} packets, {_sink.Bytes:N0} bytes sent while measured");

    [IterationSetup]
    public void Tick() => _town.Tick();

    [Benchmark(Description = "all 12 frames of a tick, 2,000 clients (÷ 12 = mean frame)")]
    public void TwelveFrames()
    {
        for (var i = 0; i < _town.FramesPerTick; i++)
        {
            _town.BuildFrame(_sink);
        }
    }
}
