using System.Buffers;

namespace Hyperscape.Host.Networking;

/// <summary>
/// One block of a <see cref="HeapMemoryPool"/>: an ordinary array and the owner Kestrel's pipes
/// hold while they use it. Created once and reused, so once the collector has aged it nothing
/// about it is young; disposing gives it back (a second dispose does nothing).
/// </summary>
internal sealed class HeapMemoryBlock : IMemoryOwner<byte>
{
    private readonly HeapMemoryPool _pool;
    private int _rented;

    public HeapMemoryBlock(HeapMemoryPool pool, int length)
    {
        _pool = pool;
        Memory = GC.AllocateUninitializedArray<byte>(length);
    }

    /// <inheritdoc />
    public Memory<byte> Memory { get; }

    /// <summary>Marks the block handed out; false when it already was.</summary>
    public bool TryRent() => Interlocked.Exchange(ref _rented, 1) == 0;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _pool.Return(this);
        }
    }
}
