using System.Buffers;

namespace Hyperscape.Ecs.Protocol;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one array of fixed capacity, reused by calling
/// <see cref="Reset"/>. Writing past the capacity throws <see cref="InvalidOperationException"/>:
/// a packet budget is a hard limit, not a hint.
/// </summary>
public sealed class FixedBufferWriter : IBufferWriter<byte>
{
    private readonly byte[] _buffer;

    /// <summary>Creates a writer with room for <paramref name="capacity"/> bytes.</summary>
    public FixedBufferWriter(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _buffer = new byte[capacity];
    }

    /// <summary>Creates a writer over an existing array (a pooled one, say).</summary>
    public FixedBufferWriter(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _buffer = buffer;
    }

    /// <summary>The bytes written so far.</summary>
    public int WrittenCount { get; private set; }

    /// <summary>The room in total.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, WrittenCount);

    /// <summary>The written bytes as memory (valid until the next <see cref="Reset"/>).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    /// <summary>Forgets what was written.</summary>
    public void Reset() => WrittenCount = 0;

    /// <summary>Drops the bytes written after <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, WrittenCount);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WrittenCount = count;
    }

    /// <summary>The written bytes, writable (to patch reserved headers).</summary>
    public Span<byte> WrittenSpanForPatching => _buffer.AsSpan(0, WrittenCount);

    /// <inheritdoc />
    public void Advance(int count)
    {
        if (count < 0 || WrittenCount + count > _buffer.Length)
        {
            throw new InvalidOperationException($"Advancing by {count} passes the writer's capacity of {_buffer.Length} bytes.");
        }

        WrittenCount += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    private void EnsureRoom(int sizeHint)
    {
        if (WrittenCount + Math.Max(sizeHint, 1) > _buffer.Length)
        {
            throw new InvalidOperationException($"The message does not fit the writer's capacity of {_buffer.Length} bytes.");
        }
    }
}
