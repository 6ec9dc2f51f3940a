using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// Bytes per client per second, delta sync against the whole-entity-resend baseline, in one run
/// over the same town and the same ticks. In-process so the byte counts reach the summary column.
/// </summary>
[Config(typeof(Settings))]
public class SyncBandwidthBenchmarks
{
    private const int Ticks = 4;
    private readonly CountingSink _sink = new();
    private SyncTown _town = null!;
    private WholeEntityResend _baseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _town = new SyncTown(clients: 2_000, seenEach: 100);
        _baseline = new WholeEntityResend(_town);
        for (var tick = 0; tick < 4; tick++)
        {
            _town.Tick();
            for (var frame = 0; frame < _town.FramesPerTick; frame++)
            {
                _town.BuildFrame(_sink);
            }
        }
    }

    [Benchmark(Baseline = true, Description = "whole-entity resend, 20 Hz")]
    public void WholeEntity() => Run(_baseline.BuildFrame, nameof(WholeEntity));

    [Benchmark(Description = "delta sync (interest, thresholds, 1 KiB budget)")]
    public void DeltaSync() => Run(_town.BuildFrame, nameof(DeltaSync));

    private void Run(Action<CountingSink> frame, string name)
    {
        _sink.Reset();
        for (var tick = 0; tick < Ticks; tick++)
        {
            _town.Tick();
            for (var i = 0; i < _town.FramesPerTick; i++)
            {
                frame(_sink);
            }
        }

        var seconds = Ticks * 0.6;
        BandwidthResults.BytesPerClientPerSecond[name] = _sink.Bytes / (double)_town.Clients / seconds;
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
