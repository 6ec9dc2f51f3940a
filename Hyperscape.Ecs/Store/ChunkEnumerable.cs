namespace Hyperscape.Ecs.Store;

/// <summary>The chunks of a query, for <c>foreach</c>. Allocates nothing.</summary>
public readonly struct ChunkEnumerable
{
    private readonly World _world;
    private readonly Query _query;
    private readonly ComponentSet _changed;
    private readonly uint _checkpoint;
    private readonly bool _filtered;

    internal ChunkEnumerable(World world, Query query, in ComponentSet changed, uint checkpoint, bool filtered)
    {
        _world = world;
        _query = query;
        _changed = changed;
        _checkpoint = checkpoint;
        _filtered = filtered;
    }

    /// <summary>Starts the walk; structural changes are refused until the enumerator is disposed.</summary>
    public ChunkEnumerator GetEnumerator() => new(_world, _query, _changed, _checkpoint, _filtered);
}
