using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>
/// Create and destroy at the sizes of the Arch figures in the README.
/// <para>
/// "warm" runs reuse one world whose memory was touched before measuring, as Arch's own
/// benchmarks do (a reserved world built in setup). The "fresh world" run creates into a new
/// world and so includes acquiring ~48 MB from the OS; on the reference VM that is dominated by
/// page faults on never-touched memory (see the README).
/// </para>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class StructuralChangeBenchmarks
{
    private const int EntityCount = 1_000_000;

    private static readonly ComponentSet PositionVelocity = ComponentSet.Of<Position, Velocity>();
    private static readonly QueryDescription All = new QueryDescription().WithAll<Position, Velocity>();
    private readonly Entity[] _handles = new Entity[EntityCount];
    private World _warm = null!;
    private World _fresh = null!;

    [GlobalSetup]
    public void Setup()
    {
        _warm = new World();
        _warm.Reserve(PositionVelocity, EntityCount);
        _warm.Create(PositionVelocity, _handles);
        _warm.Destroy(All);
    }

    [IterationSetup(Targets = [nameof(CreateBulkWarm), nameof(CreateOneByOneWarm)])]
    public void EmptyWarmWorld() => _warm.Destroy(All);

    [IterationSetup(Targets = [nameof(DestroyBulk), nameof(DestroyOneByOne)])]
    public void FullWarmWorld()
    {
        _warm.Destroy(All);
        _warm.Create(PositionVelocity, _handles);
    }

    [IterationSetup(Targets = [nameof(CreateBulkFresh)])]
    public void FreshWorld()
    {
        _fresh = new World();
        GC.Collect();
    }

    [Benchmark(Description = "create 1M, bulk (warm)")]
    public void CreateBulkWarm() => _warm.Create(PositionVelocity, _handles);

    [Benchmark(Description = "create 1M, one by one (warm)")]
    public void CreateOneByOneWarm()
    {
        var world = _warm;
        var handles = _handles;
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = world.Create(PositionVelocity);
        }
    }

    [Benchmark(Description = "destroy 1M, bulk by query")]
    public int DestroyBulk() => _warm.Destroy(All);

    [Benchmark(Description = "destroy 1M, one by one")]
    public void DestroyOneByOne()
    {
        var world = _warm;
        var handles = _handles;
        for (var i = 0; i < handles.Length; i++)
        {
            world.Destroy(handles[i]);
        }
    }

    [Benchmark(Description = "create 1M, bulk (fresh world)")]
    public void CreateBulkFresh() => _fresh.Create(PositionVelocity, _handles);
}
