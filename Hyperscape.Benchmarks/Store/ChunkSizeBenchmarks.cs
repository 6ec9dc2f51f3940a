using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>
/// The chunk-size sweep behind <see cref="WorldOptions.ChunkSizeBytes"/>: the 1M-entity update and a
/// one-entity-at-a-time workload (a player archetype of ~600-byte rows) at each size.
/// </summary>
[MemoryDiagnoser]
public class ChunkSizeBenchmarks
{
    private World _world = null!;
    private Query _query = null!;

    [Params(16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024)]
    public int ChunkSizeBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _world = new World(new WorldOptions { ChunkSizeBytes = ChunkSizeBytes });
        _world.Create(ComponentSet.Of<Position, Velocity>(), new Entity[1_000_000]);
        _query = _world.Query(new QueryDescription().WithAll<Position, Velocity>());
    }

    [Benchmark(Description = "Position += Velocity, 1M")]
    public void Update()
    {
        var integrate = default(Integrate);
        _query.ForEach<Integrate, Position, Velocity>(ref integrate);
    }

    [Benchmark(Description = "create 1M in a fresh world, bulk")]
    public World CreateBulk()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = ChunkSizeBytes });
        world.Create(ComponentSet.Of<Position, Velocity>(), new Entity[1_000_000]);
        return world;
    }
}
