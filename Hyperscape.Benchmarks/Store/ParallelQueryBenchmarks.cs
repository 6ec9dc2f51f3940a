using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>
/// One query over 1,000,000 entities on one thread and on every core (<see cref="Query.ParallelForEach{TAction, T1, T2}"/>),
/// in one run so the ratio is the speed-up. Two loads: Position += Velocity, which moves 36 MB
/// and so also measures memory bandwidth, and a compute-bound step of the same shape.
/// </summary>
[MemoryDiagnoser]
public class ParallelQueryBenchmarks
{
    private const int EntityCount = 1_000_000;
    private World _world = null!;
    private Query _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new World();
        _world.Create(EntityCount, new Position(), new Velocity { X = 0.1f, Y = 0.2f, Z = 0.3f });
        _query = _world.Query(new QueryDescription().WithAll<Position, Velocity>());
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    [Benchmark(Baseline = true, Description = "Position += Velocity, ForEach (1 thread)")]
    public void Single()
    {
        var integrate = new Integrate();
        _query.ForEach<Integrate, Position, Velocity>(ref integrate);
    }

    [Benchmark(Description = "Position += Velocity, ParallelForEach (every core)")]
    public void Parallel()
    {
        var integrate = new Integrate();
        _query.ParallelForEach<Integrate, Position, Velocity>(ref integrate);
    }

    [Benchmark(Description = "compute-bound step, ForEach (1 thread)")]
    public void SingleCompute()
    {
        var steer = new Steer();
        _query.ForEach<Steer, Position, Velocity>(ref steer);
    }

    [Benchmark(Description = "compute-bound step, ParallelForEach (every core)")]
    public void ParallelCompute()
    {
        var steer = new Steer();
        _query.ParallelForEach<Steer, Position, Velocity>(ref steer);
    }
}
