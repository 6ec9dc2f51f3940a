using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Content;

namespace Hyperscape.Benchmarks.Content;

/// <summary>
/// Loading the default content, warm: items, NPC types and the world parsed, validated and built
/// with its spawns (<see cref="ColdContentLoadBenchmarks"/> has the first load in a process).
/// </summary>
[MemoryDiagnoser]
public class ContentLoadBenchmarks
{
    [Benchmark(Description = "default content (items, NPCs, world), warm")]
    public int DefaultWorld() => GameContent.Read(GameContent.DefaultFiles, ContentIds.Empty).World.NpcSpawns.Count;
}
