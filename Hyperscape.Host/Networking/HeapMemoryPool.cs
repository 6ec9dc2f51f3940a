using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Hyperscape.Host.Networking;

/// <summary>
/// The memory Kestrel's sockets and pipes read into and write from: 4 KiB blocks of ordinary
/// arrays on the small-object heap, recycled and never given back, instead of Kestrel's default
/// blocks on the pinned object heap.
/// </summary>
/// <remarks>
/// <para>
/// Why: under the segments collector the server runs (<c>libclrgc.so</c>), the write barrier
/// tells an old-to-young reference by address alone, and the pinned and large object heaps lie
/// above the young generation, so every store of a reference to a pinned block into an old object
/// dirties a card as if the block were young. Kestrel makes such stores on every receive and every
/// send (a pipe's write head and its segments take a block), so at 2,000 clients about one card
/// per connection was dirty at each collection, and each gen0 spent most of its pause scanning
/// cards and finding nothing young. Measured in a small program on one pinned core, storing a
/// reference to a pinned array into scattered old objects made gen0 collections as slow as storing
/// young objects did (0.27–0.29 ms against 0.04 ms for a reference to an old small object). In the
/// server at 2,000 pinned bots (Dec 5, traced), card marking took 0.4–1.2 ms per gen0 with this
/// pool against 1.0–2.6 ms with Kestrel's pinned blocks.
/// </para>
/// <para>
/// A block here is an ordinary array: once it has aged into the oldest generation, references to
/// it dirty nothing. Kestrel needs the memory only for the length of each socket call (Linux reads
/// and writes it during the call; on Windows the socket pins it for the operation).
/// The pool keeps every block it ever made: its size is the peak number in use.
/// </para>
/// </remarks>
internal sealed class HeapMemoryPool : MemoryPool<byte>
{
    /// <summary>The block size, as Kestrel's own pool has it.</summary>
    public const int BlockSize = 4096;

    private readonly ConcurrentQueue<HeapMemoryBlock> _free = new();
    private readonly StrongBox<long>? _allRents;
    private long _created;
    private long _rents;
    private bool _disposed;

    /// <summary>A pool that also counts its rents in <paramref name="allRents"/> (shared by a factory's pools).</summary>
    public HeapMemoryPool(StrongBox<long>? allRents = null) => _allRents = allRents;

    /// <inheritdoc />
    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks made so far (the pool's size in blocks).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Blocks handed out so far, new or reused.</summary>
    public long Rents => Interlocked.Read(ref _rents);

    /// <inheritdoc />
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        Interlocked.Increment(ref _rents);
        if (_allRents is not null)
        {
            Interlocked.Increment(ref _allRents.Value);
        }

        while (_free.TryDequeue(out var block))
        {
            if (block.TryRent())
            {
                return block;
            }
        }

        Interlocked.Increment(ref _created);
        var created = new HeapMemoryBlock(this, BlockSize);
        created.TryRent();
        return created;
    }

    /// <summary>Takes a block back; after the pool is disposed, blocks are left to the collector.</summary>
    internal void Return(HeapMemoryBlock block)
    {
        if (!Volatile.Read(ref _disposed))
        {
            _free.Enqueue(block);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        Volatile.Write(ref _disposed, true);
        _free.Clear();
    }
}
