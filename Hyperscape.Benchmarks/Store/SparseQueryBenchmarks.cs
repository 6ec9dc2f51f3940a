using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>A three-component query that matches 100,000 of 1,000,000 entities.</summary>
[MemoryDiagnoser]
public class SparseQueryBenchmarks
{
    private World _world = null!;
    private Query _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new World();
        var plain = new Entity[900_000];
        var damped = new Entity[100_000];
        _world.Create(ComponentSet.Of<Position, Velocity>(), plain);
        _world.Create(ComponentSet.Of<Position, Velocity, Damping>(), damped);
        _query = _world.Query(new QueryDescription().WithAll<Position, Velocity, Damping>());
    }

    [Benchmark(Description = "3-component query, 10% match")]
    public void TenPercentMatch()
    {
        var update = default(IntegrateDamped);
        _query.ForEach<IntegrateDamped, Position, Velocity, Damping>(ref update);
    }
}
