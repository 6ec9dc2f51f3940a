using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>
/// Populating a new world with 1,000,000 entities (Position and Velocity with values), against
/// the least a program could do: two plain arrays allocated and filled in a loop. Every iteration
/// starts from a new world; each world is disposed after its iteration, so its chunks go back to
/// the shared pool as a host's worlds would. "pool off" lets every block go back to the OS, the
/// cost the store paid before chunks were pooled (fresh pages from the kernel each time).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class ColdStartBenchmarks
{
    private const int EntityCount = 1_000_000;
    private static readonly Position Start = new() { X = 1, Y = 2, Z = 3 };
    private static readonly Velocity Speed = new() { X = 0.1f, Y = 0.2f, Z = 0.3f };
    private readonly Entity[] _handles = new Entity[EntityCount];
    private Position[] _positions = [];
    private Velocity[] _velocities = [];
    private World? _world;
    private long _retainedLimit;

    [IterationCleanup]
    public void Release()
    {
        _world?.Dispose();
        _world = null;
        _positions = [];
        _velocities = [];
    }

    [IterationSetup(Target = nameof(BulkCreatePoolOff))]
    public void PoolOff()
    {
        _retainedLimit = ChunkMemoryPool.MaxRetainedBytes;
        ChunkMemoryPool.MaxRetainedBytes = 0;
        ChunkMemoryPool.Trim();
    }

    [IterationCleanup(Target = nameof(BulkCreatePoolOff))]
    public void PoolOn()
    {
        Release();
        ChunkMemoryPool.MaxRetainedBytes = _retainedLimit;
    }

    [Benchmark(Baseline = true, Description = "plain arrays: new Position[1M] + new Velocity[1M], filled")]
    public void PlainArrays()
    {
        var positions = new Position[EntityCount];
        var velocities = new Velocity[EntityCount];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = Start;
            velocities[i] = Speed;
        }

        _positions = positions;
        _velocities = velocities;
    }

    [Benchmark(Description = "new world, create 1M with values, bulk")]
    public void BulkCreate()
    {
        _world = new World();
        _world.Create(EntityCount, Start, Speed);
    }

    [Benchmark(Description = "new world, create 1M with values, bulk, handles out")]
    public void BulkCreateWithHandles()
    {
        _world = new World();
        _world.Create(_handles, Start, Speed);
    }

    [Benchmark(Description = "new world, create 1M with values, one by one")]
    public void OneByOne()
    {
        var world = _world = new World();
        var handles = _handles;
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = world.Create(Start, Speed);
        }
    }

    [Benchmark(Description = "new world, create 1M with values, bulk, pool off")]
    public void BulkCreatePoolOff()
    {
        _world = new World();
        _world.Create(EntityCount, Start, Speed);
    }
}
