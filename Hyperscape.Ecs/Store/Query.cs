using System.Runtime.CompilerServices;
using Hyperscape.Ecs.Threading;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// A cached query: the archetypes matching a <see cref="QueryDescription"/>, kept current as new
/// archetypes appear. Obtain it from <see cref="World.Query(in QueryDescription)"/> once and reuse it.
/// Iteration allocates nothing. Every component named in a <c>ForEach</c> must be in the query's
/// All set, and is treated as written (its chunk column's change version is stamped); for
/// read-only access walk <see cref="GetChunks"/> and use <see cref="ChunkView.GetReadOnlySpan{T}"/>.
/// </summary>
public sealed class Query
{
    // Below this many rows a slice is not worth a thread's hand-off.
    private const int MinSliceRows = 4096;

    private readonly World _world;
    private Archetype[] _archetypes = new Archetype[4];
    private QuerySlice[] _slices = [];

    internal Query(World world, QueryDescription description)
    {
        _world = world;
        Description = description;
    }

    /// <summary>What this query matches.</summary>
    public QueryDescription Description { get; }

    internal int ArchetypeCount { get; private set; }

    /// <summary>The number of entities the query matches right now.</summary>
    public int Count()
    {
        var total = 0;
        for (var i = 0; i < ArchetypeCount; i++)
        {
            total += _archetypes[i].EntityCount;
        }

        return total;
    }

    /// <summary>The non-empty chunks of the query.</summary>
    public ChunkEnumerable GetChunks() => new(_world, this, ComponentSet.Empty, 0, filtered: false);

    /// <summary>
    /// The non-empty chunks in which any column of <paramref name="components"/> was written after
    /// <paramref name="checkpoint"/> (a value returned by <see cref="World.AdvanceVersion"/>).
    /// </summary>
    public ChunkEnumerable GetChunksChangedSince(in ComponentSet components, uint checkpoint) =>
        new(_world, this, components, checkpoint, filtered: true);

    /// <summary>Calls <paramref name="action"/> for every matching entity.</summary>
    public void ForEach<TAction, T1>(ref TAction action)
        where TAction : struct, IForEach<T1>
        where T1 : unmanaged
    {
        var id1 = Require<T1>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                var c1 = archetype.ColumnOf(id1);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(ref Unsafe.Add(ref r1, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="action"/> for every matching entity.</summary>
    public void ForEach<TAction, T1, T2>(ref TAction action)
        where TAction : struct, IForEach<T1, T2>
        where T1 : unmanaged
        where T2 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                int c1 = archetype.ColumnOf(id1), c2 = archetype.ColumnOf(id2);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    ref var r2 = ref chunk.Write<T2>(c2, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="action"/> for every matching entity.</summary>
    public void ForEach<TAction, T1, T2, T3>(ref TAction action)
        where TAction : struct, IForEach<T1, T2, T3>
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>(), id3 = Require<T3>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                int c1 = archetype.ColumnOf(id1), c2 = archetype.ColumnOf(id2), c3 = archetype.ColumnOf(id3);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    ref var r2 = ref chunk.Write<T2>(c2, version);
                    ref var r3 = ref chunk.Write<T3>(c3, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="action"/> for every matching entity.</summary>
    public void ForEach<TAction, T1, T2, T3, T4>(ref TAction action)
        where TAction : struct, IForEach<T1, T2, T3, T4>
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>(), id3 = Require<T3>(), id4 = Require<T4>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                int c1 = archetype.ColumnOf(id1), c2 = archetype.ColumnOf(id2), c3 = archetype.ColumnOf(id3), c4 = archetype.ColumnOf(id4);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    ref var r2 = ref chunk.Write<T2>(c2, version);
                    ref var r3 = ref chunk.Write<T3>(c3, version);
                    ref var r4 = ref chunk.Write<T4>(c4, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref r4, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="action"/> for every matching entity, with its handle.</summary>
    public void ForEachEntity<TAction, T1>(ref TAction action)
        where TAction : struct, IForEachWithEntity<T1>
        where T1 : unmanaged
    {
        var id1 = Require<T1>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                var c1 = archetype.ColumnOf(id1);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    var entities = chunk.Entities;
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(entities[i], ref Unsafe.Add(ref r1, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="action"/> for every matching entity, with its handle.</summary>
    public void ForEachEntity<TAction, T1, T2>(ref TAction action)
        where TAction : struct, IForEachWithEntity<T1, T2>
        where T1 : unmanaged
        where T2 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                int c1 = archetype.ColumnOf(id1), c2 = archetype.ColumnOf(id2);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    var entities = chunk.Entities;
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    ref var r2 = ref chunk.Write<T2>(c2, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(entities[i], ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>Calls <paramref name="action"/> for every matching entity, with its handle.</summary>
    public void ForEachEntity<TAction, T1, T2, T3>(ref TAction action)
        where TAction : struct, IForEachWithEntity<T1, T2, T3>
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>(), id3 = Require<T3>();
        _world.EnterIteration();
        try
        {
            var version = _world.Version;
            for (var a = 0; a < ArchetypeCount; a++)
            {
                var archetype = _archetypes[a];
                int c1 = archetype.ColumnOf(id1), c2 = archetype.ColumnOf(id2), c3 = archetype.ColumnOf(id3);
                for (var c = 0; c < archetype.ChunkCount; c++)
                {
                    var chunk = archetype.Chunks[c];
                    var entities = chunk.Entities;
                    ref var r1 = ref chunk.Write<T1>(c1, version);
                    ref var r2 = ref chunk.Write<T2>(c2, version);
                    ref var r3 = ref chunk.Write<T3>(c3, version);
                    for (int i = 0, n = chunk.Count; i < n; i++)
                    {
                        action.Execute(entities[i], ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref r3, i));
                    }
                }
            }
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary>
    /// <see cref="ForEach{TAction, T1}"/> on every core: the matching rows are cut into slices
    /// (whole chunks, or parts of large ones) and run on the calling thread and the store's helper
    /// threads at once. Allocates nothing after the first call. Each slice runs on its own copy of
    /// <paramref name="action"/>, so the callback must only touch the entity it is given (and
    /// thread-safe state); what it writes to the action's own fields is discarded.
    /// </summary>
    public void ParallelForEach<TAction, T1>(ref TAction action)
        where TAction : struct, IForEach<T1>
        where T1 : unmanaged
    {
        var id1 = Require<T1>();
        _world.EnterIteration();
        try
        {
            var parallelism = Environment.ProcessorCount;
            var slices = CutSlices(parallelism);
            ParallelLoop.Run(new ParallelForEachBody<TAction, T1>(_slices, action, id1, _world.Version), slices, 1, parallelism);
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary><see cref="ForEach{TAction, T1, T2}"/> on every core; see <see cref="ParallelForEach{TAction, T1}"/>.</summary>
    public void ParallelForEach<TAction, T1, T2>(ref TAction action)
        where TAction : struct, IForEach<T1, T2>
        where T1 : unmanaged
        where T2 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>();
        _world.EnterIteration();
        try
        {
            var parallelism = Environment.ProcessorCount;
            var slices = CutSlices(parallelism);
            ParallelLoop.Run(new ParallelForEachBody<TAction, T1, T2>(_slices, action, id1, id2, _world.Version), slices, 1, parallelism);
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary><see cref="ForEach{TAction, T1, T2, T3}"/> on every core; see <see cref="ParallelForEach{TAction, T1}"/>.</summary>
    public void ParallelForEach<TAction, T1, T2, T3>(ref TAction action)
        where TAction : struct, IForEach<T1, T2, T3>
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>(), id3 = Require<T3>();
        _world.EnterIteration();
        try
        {
            var parallelism = Environment.ProcessorCount;
            var slices = CutSlices(parallelism);
            ParallelLoop.Run(new ParallelForEachBody<TAction, T1, T2, T3>(_slices, action, id1, id2, id3, _world.Version), slices, 1, parallelism);
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    /// <summary><see cref="ForEach{TAction, T1, T2, T3, T4}"/> on every core; see <see cref="ParallelForEach{TAction, T1}"/>.</summary>
    public void ParallelForEach<TAction, T1, T2, T3, T4>(ref TAction action)
        where TAction : struct, IForEach<T1, T2, T3, T4>
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
    {
        int id1 = Require<T1>(), id2 = Require<T2>(), id3 = Require<T3>(), id4 = Require<T4>();
        _world.EnterIteration();
        try
        {
            var parallelism = Environment.ProcessorCount;
            var slices = CutSlices(parallelism);
            ParallelLoop.Run(new ParallelForEachBody<TAction, T1, T2, T3, T4>(_slices, action, id1, id2, id3, id4, _world.Version), slices, 1, parallelism);
        }
        finally
        {
            _world.ExitIteration();
        }
    }

    internal Archetype ArchetypeAt(int index) => _archetypes[index];

    internal void Consider(Archetype archetype)
    {
        if (!Description.Matches(archetype.Components))
        {
            return;
        }

        if (ArchetypeCount == _archetypes.Length)
        {
            Array.Resize(ref _archetypes, _archetypes.Length * 2);
        }

        _archetypes[ArchetypeCount++] = archetype;
    }

    /// <summary>
    /// Cuts the matching rows into slices, about eight per thread so an uneven machine still
    /// balances, none smaller than <see cref="MinSliceRows"/>; returns how many.
    /// </summary>
    private int CutSlices(int parallelism)
    {
        var rowsPerSlice = Math.Max(MinSliceRows, (Count() + (parallelism * 8) - 1) / (parallelism * 8));
        var count = 0;
        for (var a = 0; a < ArchetypeCount; a++)
        {
            var archetype = _archetypes[a];
            for (var c = 0; c < archetype.ChunkCount; c++)
            {
                var chunk = archetype.Chunks[c];
                for (var start = 0; start < chunk.Count; start += rowsPerSlice)
                {
                    if (count == _slices.Length)
                    {
                        Array.Resize(ref _slices, Math.Max(16, count * 2));
                    }

                    _slices[count++] = new QuerySlice(chunk, start, Math.Min(rowsPerSlice, chunk.Count - start));
                }
            }
        }

        return count;
    }

    private int Require<T>()
        where T : unmanaged
    {
        var id = ComponentId<T>.Value;
        if (!Description.All.Contains(id))
        {
            throw new InvalidOperationException(
                $"ForEach over {typeof(T).Name} needs it in the query's All set; add WithAll<{typeof(T).Name}>() to the description.");
        }

        return id;
    }
}
