using System.Numerics;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// For every entity, the clients whose view holds a slot for it: a bit per client, in blocks of
/// 64 clients, each block indexed by entity index. Routing a visible event or a line of public
/// chat then costs the size of its audience, not the number of clients nearby, which in a crowd
/// is every client on the server. A bit may be set for a slot that is still spawning or already
/// leaving; readers check the slot itself.
/// </summary>
/// <remarks>
/// Bits change while clients' views are updated on several threads at once, so they change with
/// atomic operations; resizing (new clients, more entities) happens on the game thread between frames.
/// </remarks>
internal sealed class ViewerIndex
{
    private readonly List<ClientView?> _clients = [];
    private readonly Stack<int> _freeIndices = new();
    private long[][] _blocks = [];
    private int _entityCapacity = 1024;

    /// <summary>Gives <paramref name="client"/> an index of its own (reused after a removal).</summary>
    public int Add(ClientView client)
    {
        if (_freeIndices.TryPop(out var index))
        {
            _clients[index] = client;
            return index;
        }

        index = _clients.Count;
        _clients.Add(client);
        if ((index >> 6) >= _blocks.Length)
        {
            Array.Resize(ref _blocks, _blocks.Length + 1);
            _blocks[^1] = new long[_entityCapacity];
        }

        return index;
    }

    /// <summary>Forgets a client: clears the bits of every slot it holds and frees its index.</summary>
    public void Remove(ClientView client)
    {
        for (var i = 0; i < client.ActiveCount; i++)
        {
            Clear(client.Index, client.Slots[client.Active[i]].Entity.Id);
        }

        _clients[client.Index] = null;
        _freeIndices.Push(client.Index);
    }

    /// <summary>Makes room for entity indices below <paramref name="capacity"/> (the game thread, between frames).</summary>
    public void EnsureEntities(int capacity)
    {
        if (capacity <= _entityCapacity)
        {
            return;
        }

        _entityCapacity = Math.Max(capacity, _entityCapacity * 2);
        for (var b = 0; b < _blocks.Length; b++)
        {
            Array.Resize(ref _blocks[b], _entityCapacity);
        }
    }

    /// <summary>The client with index <paramref name="clientIndex"/> has a slot for entity <paramref name="entityId"/>.</summary>
    public void Set(int clientIndex, int entityId) =>
        Interlocked.Or(ref _blocks[clientIndex >> 6][entityId], 1L << (clientIndex & 63));

    /// <summary>The client no longer has a slot for the entity.</summary>
    public void Clear(int clientIndex, int entityId) =>
        Interlocked.And(ref _blocks[clientIndex >> 6][entityId], ~(1L << (clientIndex & 63)));

    /// <summary>Visits every client that may hold entity <paramref name="entityId"/>.</summary>
    public void Visit<TVisitor>(int entityId, ref TVisitor visitor)
        where TVisitor : struct, IViewerVisitor
    {
        if (entityId >= _entityCapacity)
        {
            return;
        }

        for (var b = 0; b < _blocks.Length; b++)
        {
            var bits = (ulong)_blocks[b][entityId];
            while (bits != 0)
            {
                var index = (b << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (_clients[index] is { } client)
                {
                    visitor.Visit(client);
                }
            }
        }
    }
}
