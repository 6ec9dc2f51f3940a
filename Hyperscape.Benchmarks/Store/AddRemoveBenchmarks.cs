using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>
/// Add then remove a third component on 100,000 of 1,000,000 entities. The pair leaves the world
/// as it found it, so a normal throughput job measures it, as Arch's own add/remove benchmark does.
/// </summary>
[MemoryDiagnoser]
public class AddRemoveBenchmarks
{
    private const int Touched = 100_000;
    private readonly Entity[] _handles = new Entity[1_000_000];
    private World _world = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new World();
        _world.Create(ComponentSet.Of<Position, Velocity>(), _handles);
    }

    [Benchmark(Description = "add + remove a component, 100k")]
    public void AddRemove()
    {
        var world = _world;
        var handles = _handles;
        for (var i = 0; i < Touched; i++)
        {
            world.Add(handles[i], new Damping { Factor = 0.5f });
        }

        for (var i = 0; i < Touched; i++)
        {
            world.Remove<Damping>(handles[i]);
        }
    }
}
