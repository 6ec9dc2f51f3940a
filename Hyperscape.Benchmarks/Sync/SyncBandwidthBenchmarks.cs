using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// Bytes per client per second, delta sync against the whole-entity-resend baseline, in one run
/// over the same town and the same ticks; and the same delta sync in a crowd as dense as the load
/// command's (2,000 walkers within about 33 tiles, so every view is full: the 256 nearest), the
/// in-process figure a load run's bytes per client compare with. In-process so the byte counts
/// reach the summary column.
/// </summary>
[Config(typeof(Settings))]
public class SyncBandwidthBenchmarks
{
    private const int Ticks = 4;
    private readonly CountingSink _sink = new();
    private SyncTown _town = null!;
    private SyncTown _crowd = null!;
    private WholeEntityResend _baseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _town = new SyncTown(clients: 2_000, seenEach: 100);
        _baseline = new WholeEntityResend(_town);
        _crowd = new SyncTown(clients: 2_000, seenEach: 2_000);
        foreach (var town in new[] { _town, _crowd })
        {
            for (var tick = 0; tick < 4; tick++)
            {
                town.Tick();
                for (var frame = 0; frame < town.FramesPerTick; frame++)
                {
                    town.BuildFrame(_sink);
                }
            }
        }
    }

    [Benchmark(Baseline = true, Description = "whole-entity resend, 20 Hz")]
    public void WholeEntity() => Run(_town, _baseline.BuildFrame, nameof(WholeEntity));

    [Benchmark(Description = "delta sync (interest, thresholds, 1 KiB budget)")]
    public void DeltaSync() => Run(_town, _town.BuildFrame, nameof(DeltaSync));

    [Benchmark(Description = "delta sync in a crowd: every view full (256 of ~2,000 in range)")]
    public void CrowdDeltaSync() => Run(_crowd, _crowd.BuildFrame, nameof(CrowdDeltaSync));

    private void Run(SyncTown town, Action<CountingSink> frame, string name)
    {
        _sink.Reset();
        for (var tick = 0; tick < Ticks; tick++)
        {
            town.Tick();
            for (var i = 0; i < town.FramesPerTick; i++)
            {
                frame(_sink);
            }
        }

        var seconds = Ticks * 0.6;
        BandwidthResults.BytesPerClientPerSecond[name] = _sink.Bytes / (double)town.Clients / seconds;
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new BandwidthColumn());
        }
    }
}
