using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Protocol;

/// <summary>
/// A minimal MessagePack writer straight into a span, for the sync hot path where a frame encodes
/// hundreds of thousands of tiny entries. Always the smallest integer format, as the specification
/// recommends; the caller guarantees room (it checks an upper bound before writing). Everything
/// else in the protocol uses the MessagePack library's writer.
/// </summary>
internal ref struct SpanPackWriter
{
    private readonly Span<byte> _buffer;

    public SpanPackWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
    }

    public int Position { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteArrayHeader(int count)
    {
        if (count < 16)
        {
            _buffer[Position++] = (byte)(0x90 | count);
        }
        else if (count <= ushort.MaxValue)
        {
            _buffer[Position] = 0xdc;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[(Position + 1)..], (ushort)count);
            Position += 3;
        }
        else
        {
            _buffer[Position] = 0xdd;
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[(Position + 1)..], (uint)count);
            Position += 5;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(long value)
    {
        if (value >= 0)
        {
            WriteUnsigned((ulong)value);
        }
        else if (value >= -32)
        {
            _buffer[Position++] = unchecked((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            _buffer[Position] = 0xd0;
            _buffer[Position + 1] = unchecked((byte)value);
            Position += 2;
        }
        else if (value >= short.MinValue)
        {
            _buffer[Position] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(_buffer[(Position + 1)..], (short)value);
            Position += 3;
        }
        else if (value >= int.MinValue)
        {
            _buffer[Position] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(_buffer[(Position + 1)..], (int)value);
            Position += 5;
        }
        else
        {
            _buffer[Position] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(_buffer[(Position + 1)..], value);
            Position += 9;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUnsigned(ulong value)
    {
        if (value <= 0x7f)
        {
            _buffer[Position++] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            _buffer[Position] = 0xcc;
            _buffer[Position + 1] = (byte)value;
            Position += 2;
        }
        else if (value <= ushort.MaxValue)
        {
            _buffer[Position] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[(Position + 1)..], (ushort)value);
            Position += 3;
        }
        else if (value <= uint.MaxValue)
        {
            _buffer[Position] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[(Position + 1)..], (uint)value);
            Position += 5;
        }
        else
        {
            _buffer[Position] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(_buffer[(Position + 1)..], value);
            Position += 9;
        }
    }

    /// <summary>A float32, or an integer when the value is a whole number (smaller; readers accept both).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteNumber(float value)
    {
        if (value == MathF.Round(value) && MathF.Abs(value) < 1 << 24)
        {
            Write((long)value);
            return;
        }

        _buffer[Position] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(_buffer[(Position + 1)..], value);
        Position += 5;
    }

    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 32)
        {
            _buffer[Position++] = (byte)(0xa0 | utf8.Length);
        }
        else if (utf8.Length <= byte.MaxValue)
        {
            _buffer[Position] = 0xd9;
            _buffer[Position + 1] = (byte)utf8.Length;
            Position += 2;
        }
        else
        {
            _buffer[Position] = 0xda;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[(Position + 1)..], (ushort)utf8.Length);
            Position += 3;
        }

        utf8.CopyTo(_buffer[Position..]);
        Position += utf8.Length;
    }
}
