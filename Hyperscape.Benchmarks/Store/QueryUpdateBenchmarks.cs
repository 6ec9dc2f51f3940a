using BenchmarkDotNet.Attributes;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>
/// Position += Velocity over 1,000,000 entities: the store's two iteration styles against plain
/// arrays laid out three ways, all in one run so the ratios are comparable.
/// </summary>
[MemoryDiagnoser]
public class QueryUpdateBenchmarks
{
    private const int EntityCount = 1_000_000;
    private float[] _px = [], _py = [], _pz = [], _vx = [], _vy = [], _vz = [];
    private Body[] _bodies = [];
    private Position[] _positions = [];
    private Velocity[] _velocities = [];
    private World _world = null!;
    private Query _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _px = Filled(1); _py = Filled(2); _pz = Filled(3);
        _vx = Filled(0.1f); _vy = Filled(0.2f); _vz = Filled(0.3f);
        _bodies = new Body[EntityCount];
        _positions = new Position[EntityCount];
        _velocities = new Velocity[EntityCount];
        var velocity = new Velocity { X = 0.1f, Y = 0.2f, Z = 0.3f };
        _bodies.AsSpan().Fill(new Body { Velocity = velocity });
        _velocities.AsSpan().Fill(velocity);

        _world = new World();
        var handles = new Entity[EntityCount];
        _world.Create(ComponentSet.Of<Position, Velocity>(), handles);
        _query = _world.Query(new QueryDescription().WithAll<Position, Velocity>());
        foreach (var chunk in _query.GetChunks())
        {
            chunk.GetSpan<Velocity>().Fill(velocity);
        }
    }

    [Benchmark(Baseline = true, Description = "plain arrays, struct of arrays")]
    public void StructOfArrays()
    {
        float[] px = _px, py = _py, pz = _pz, vx = _vx, vy = _vy, vz = _vz;
        for (var i = 0; i < px.Length; i++)
        {
            px[i] += vx[i];
            py[i] += vy[i];
            pz[i] += vz[i];
        }
    }

    [Benchmark(Description = "plain arrays, array of structs")]
    public void ArrayOfStructs()
    {
        var bodies = _bodies;
        for (var i = 0; i < bodies.Length; i++)
        {
            ref var body = ref bodies[i];
            body.Position.X += body.Velocity.X;
            body.Position.Y += body.Velocity.Y;
            body.Position.Z += body.Velocity.Z;
        }
    }

    [Benchmark(Description = "plain arrays, one per component")]
    public void ComponentArrays()
    {
        Span<Position> positions = _positions;
        ReadOnlySpan<Velocity> velocities = _velocities.AsSpan(0, positions.Length);
        for (var i = 0; i < positions.Length; i++)
        {
            ref var p = ref positions[i];
            var v = velocities[i];
            p.X += v.X;
            p.Y += v.Y;
            p.Z += v.Z;
        }
    }

    [Benchmark(Description = "store, ForEach struct callback")]
    public void StoreForEach()
    {
        var integrate = default(Integrate);
        _query.ForEach<Integrate, Position, Velocity>(ref integrate);
    }

    [Benchmark(Description = "store, chunk spans")]
    public void StoreChunkSpans()
    {
        foreach (var chunk in _query.GetChunks())
        {
            var positions = chunk.GetSpan<Position>();
            var velocities = chunk.GetReadOnlySpan<Velocity>();
            for (var i = 0; i < positions.Length; i++)
            {
                ref var p = ref positions[i];
                var v = velocities[i];
                p.X += v.X;
                p.Y += v.Y;
                p.Z += v.Z;
            }
        }
    }

    private static float[] Filled(float value)
    {
        var array = new float[EntityCount];
        array.AsSpan().Fill(value);
        return array;
    }
}
