using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;

namespace Hyperscape.Host.Networking;

/// <summary>
/// Gives Kestrel a <see cref="HeapMemoryPool"/> wherever it asks for a memory pool (its socket
/// transport and its connections), in place of its pinned-block pools.
/// </summary>
internal sealed class HeapMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    private readonly StrongBox<long> _rents = new();

    /// <summary>Blocks handed out by every pool this factory made.</summary>
    public long Rents => Interlocked.Read(ref _rents.Value);

    /// <inheritdoc />
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new HeapMemoryPool(_rents);
}
