using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Hyperscape.Ecs.Content;

namespace Hyperscape.Benchmarks.Content;

/// <summary>The default world's first load in a fresh process: what a server start pays, JIT included.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1)]
public class ColdContentLoadBenchmarks
{
    [Benchmark(Description = "default world file, first load in a process")]
    public int DefaultWorld() => WorldFile.ReadDefault().NpcSpawns.Count;
}
