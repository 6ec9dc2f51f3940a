namespace Hyperscape.Ecs.Store;

/// <summary>
/// Walks the non-empty chunks of a query, optionally only those whose columns changed since a
/// checkpoint. While it is live the world refuses structural changes; <c>foreach</c> disposes it.
/// </summary>
public struct ChunkEnumerator : IDisposable
{
    private readonly World _world;
    private readonly Query _query;
    private readonly ComponentSet _changed;
    private readonly uint _checkpoint;
    private readonly bool _filtered;
    private int _archetype;
    private int _chunk;
    private Archetype? _current;
    private Chunk? _currentChunk;
    private bool _live;

    internal ChunkEnumerator(World world, Query query, in ComponentSet changed, uint checkpoint, bool filtered)
    {
        _world = world;
        _query = query;
        _changed = changed;
        _checkpoint = checkpoint;
        _filtered = filtered;
        _archetype = -1;
        _chunk = 0;
        _current = null;
        _currentChunk = null;
        _live = true;
        world.EnterIteration();
    }

    /// <summary>The current chunk.</summary>
    public readonly ChunkView Current => new(_world, _current!, _currentChunk!);

    /// <summary>Advances to the next chunk that is non-empty and passes the change filter.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_current is not null)
            {
                while (_chunk < _current.ChunkCount)
                {
                    var chunk = _current.Chunks[_chunk++];
                    if (chunk.Count > 0 && (!_filtered || ChangedSinceCheckpoint(_current, chunk)))
                    {
                        _currentChunk = chunk;
                        return true;
                    }
                }
            }

            if (++_archetype >= _query.ArchetypeCount)
            {
                _current = null;
                return false;
            }

            _current = _query.ArchetypeAt(_archetype);
            _chunk = 0;
        }
    }

    /// <summary>Ends the iteration and lifts the structural-change guard. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_live)
        {
            _live = false;
            _world.ExitIteration();
        }
    }

    private readonly bool ChangedSinceCheckpoint(Archetype archetype, Chunk chunk)
    {
        foreach (var type in _changed)
        {
            var column = archetype.ColumnOf(type.Id);
            if (column >= 0 && chunk.Versions[column] > _checkpoint)
            {
                return true;
            }
        }

        return false;
    }
}
