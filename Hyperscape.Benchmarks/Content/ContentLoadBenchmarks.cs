using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Content;

namespace Hyperscape.Benchmarks.Content;

/// <summary>
/// Loading the default content, warm: the world file parsed, validated and built into a tile map
/// with its spawns (<see cref="ColdContentLoadBenchmarks"/> has the first load in a process).
/// </summary>
[MemoryDiagnoser]
public class ContentLoadBenchmarks
{
    [Benchmark(Description = "default world file, warm")]
    public int DefaultWorld() => WorldFile.ReadDefault().NpcSpawns.Count;
}
