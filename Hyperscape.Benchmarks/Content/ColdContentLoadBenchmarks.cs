using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Hyperscape.Ecs.Content;

namespace Hyperscape.Benchmarks.Content;

/// <summary>The default world's first load in a fresh process: what a server start pays, JIT included.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1)]
public class ColdContentLoadBenchmarks
{
    [Benchmark(Description = "default content (items, NPCs, world), first load in a process")]
    public int DefaultWorld() => GameContent.Read(GameContent.DefaultFiles, ContentIds.Empty).World.NpcSpawns.Count;
}
