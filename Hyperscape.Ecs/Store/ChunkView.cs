namespace Hyperscape.Ecs.Store;

/// <summary>
/// One chunk seen by a query: a run of entities with the same components, exposed as spans.
/// <see cref="GetSpan{T}"/> counts as a write (stamps the column's change version);
/// <see cref="GetReadOnlySpan{T}"/> does not.
/// </summary>
public readonly struct ChunkView
{
    private readonly Archetype _archetype;
    private readonly Chunk _chunk;
    private readonly World _world;

    internal ChunkView(World world, Archetype archetype, Chunk chunk)
    {
        _world = world;
        _archetype = archetype;
        _chunk = chunk;
    }

    /// <summary>The number of entities in the chunk.</summary>
    public int Count => _chunk.Count;

    /// <summary>The entities, row by row; index <c>i</c> matches index <c>i</c> of every component span.</summary>
    public ReadOnlySpan<Entity> Entities => _chunk.Entities[.._chunk.Count];

    /// <summary>The exact component set of the chunk's archetype.</summary>
    public ComponentSet Components => _archetype.Components;

    /// <summary>True when the chunk's entities have <typeparamref name="T"/> (useful with Any queries).</summary>
    public bool Has<T>()
        where T : unmanaged => _archetype.ColumnOf(ComponentId<T>.Value) >= 0;

    /// <summary>The writable column of <typeparamref name="T"/>; stamps it as changed.</summary>
    public Span<T> GetSpan<T>()
        where T : unmanaged
    {
        var column = Column<T>();
        _chunk.Versions[column] = _world.Version;
        return _chunk.Span<T>(column);
    }

    /// <summary>The column of <typeparamref name="T"/> for reading; leaves its change version alone.</summary>
    public ReadOnlySpan<T> GetReadOnlySpan<T>()
        where T : unmanaged => _chunk.Span<T>(Column<T>());

    /// <summary>The world version at which <typeparamref name="T"/>'s column was last written.</summary>
    public uint GetChangeVersion<T>()
        where T : unmanaged => _chunk.Versions[Column<T>()];

    /// <summary>True when <typeparamref name="T"/>'s column was written after <paramref name="checkpoint"/>.</summary>
    public bool HasChangedSince<T>(uint checkpoint)
        where T : unmanaged => _chunk.Versions[Column<T>()] > checkpoint;

    private int Column<T>()
        where T : unmanaged
    {
        var column = _archetype.ColumnOf(ComponentId<T>.Value);
        if (column < 0)
        {
            throw new InvalidOperationException($"This chunk's entities have no {typeof(T).Name}; check Has<{typeof(T).Name}>() first.");
        }

        return column;
    }
}
