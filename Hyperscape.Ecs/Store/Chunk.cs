using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// A block of rows of one archetype: one native block (from <see cref="ChunkMemoryPool"/>) laid
/// out as an entity column followed by one column per component, each 64-byte aligned, all
/// indexed by row. Rows <c>0 .. Count-1</c> are live; the rest is spare capacity. Disposing
/// gives the block back; a chunk never disposed gives it back when finalized.
/// </summary>
internal sealed unsafe class Chunk : IDisposable
{
    /// <summary>Every column starts on a cache line.</summary>
    public const int Alignment = 64;

    private readonly int[] _sizes;
    private readonly int[] _offsets;
    private byte* _block;
    private nuint _blockBytes;

    public Chunk(Archetype archetype, int capacity)
    {
        Archetype = archetype;
        _sizes = archetype.Sizes;
        _offsets = new int[_sizes.Length];
        Versions = new uint[_sizes.Length];
        Allocate(capacity);
    }

    ~Chunk() => Release();

    public Archetype Archetype { get; }

    /// <summary>The entity column, over the whole capacity.</summary>
    public Span<Entity> Entities => new(_block, Capacity);

    /// <summary>Per column, the world version of the last writable access.</summary>
    public uint[] Versions { get; }

    public int Count { get; set; }

    public int Capacity { get; private set; }

    /// <summary>The bytes a chunk of <paramref name="capacity"/> rows with these column sizes needs.</summary>
    public static nuint BytesFor(ReadOnlySpan<int> sizes, int capacity)
    {
        var bytes = Align((nuint)(capacity * Unsafe.SizeOf<Entity>()));
        foreach (var size in sizes)
        {
            bytes += Align((nuint)(capacity * size));
        }

        return bytes;
    }

    /// <summary>Moves the live rows into a block of <paramref name="capacity"/> rows.</summary>
    public void Grow(int capacity)
    {
        var oldBlock = _block;
        var oldBytes = _blockBytes;
        var oldOffsets = (int[])_offsets.Clone();
        var count = Count;
        Allocate(capacity);
        Buffer.MemoryCopy(oldBlock, _block, (long)_blockBytes, count * Unsafe.SizeOf<Entity>());
        for (var i = 0; i < _sizes.Length; i++)
        {
            var bytes = (long)count * _sizes[i];
            Buffer.MemoryCopy(oldBlock + oldOffsets[i], _block + _offsets[i], bytes, bytes);
        }

        ChunkMemoryPool.Return(oldBlock, oldBytes);
    }

    /// <summary>The first element of a column, stamped as written at <paramref name="version"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Write<T>(int column, uint version)
        where T : unmanaged
    {
        Versions[column] = version;
        return ref Unsafe.AsRef<T>(_block + _offsets[column]);
    }

    /// <summary>The first element of a column, without stamping it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Read<T>(int column)
        where T : unmanaged => ref Unsafe.AsRef<T>(_block + _offsets[column]);

    /// <summary>A column's live rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Span<T>(int column)
        where T : unmanaged => new(_block + _offsets[column], Count);

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 of a column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Rows<T>(int column, int start, int count)
        where T : unmanaged => new((T*)(_block + _offsets[column]) + start, count);

    /// <summary>The bytes of a run of rows of a column, for type-erased work.</summary>
    public Span<byte> Bytes(int column, int start, int count, int size) =>
        new(_block + _offsets[column] + ((nint)start * size), count * size);

    /// <summary>The bytes of one cell, for type-erased moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte Cell(int column, int row, int size) => ref Unsafe.AsRef<byte>(_block + _offsets[column] + ((nint)row * size));

    /// <summary>Stamps every column as written: rows were added or moved in.</summary>
    public void MarkAll(uint version) => Versions.AsSpan().Fill(version);

    /// <summary>Gives the block back to the pool; the chunk must not be used after.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private static nuint Align(nuint bytes) => (bytes + (Alignment - 1)) & ~(nuint)(Alignment - 1);

    private void Allocate(int capacity)
    {
        _blockBytes = BytesFor(_sizes, capacity);
        _block = ChunkMemoryPool.Rent(_blockBytes);
        var offset = Align((nuint)(capacity * Unsafe.SizeOf<Entity>()));
        for (var i = 0; i < _sizes.Length; i++)
        {
            _offsets[i] = (int)offset;
            offset += Align((nuint)(capacity * _sizes[i]));
        }

        Capacity = capacity;
    }

    private void Release()
    {
        var block = _block;
        if (block is null)
        {
            return;
        }

        _block = null;
        Capacity = 0;
        Count = 0;
        ChunkMemoryPool.Return(block, _blockBytes);
    }
}
