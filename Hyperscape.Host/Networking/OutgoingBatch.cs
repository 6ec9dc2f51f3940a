using System.Buffers.Binary;

namespace Hyperscape.Host.Networking;

/// <summary>The packets a sender took from an <see cref="OutgoingQueue"/> at once, in the order they were queued.</summary>
public readonly struct OutgoingBatch
{
    private readonly byte[] _buffer;
    private readonly int _length;

    internal OutgoingBatch(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>True when nothing was queued.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>The bytes the batch's records take: its packets, each with a 5-byte record header.</summary>
    public int Length => _length;

    /// <summary>Enumerates the packets.</summary>
    public Enumerator GetEnumerator() => new(_buffer, _length);

    /// <summary>Walks the batch's records.</summary>
    public struct Enumerator
    {
        private readonly byte[] _buffer;
        private readonly int _length;
        private int _next;

        internal Enumerator(byte[] buffer, int length)
        {
            _buffer = buffer;
            _length = length;
            _next = 0;
            Current = default;
        }

        /// <summary>The current packet.</summary>
        public OutgoingPacket Current { get; private set; }

        /// <summary>Moves to the next packet.</summary>
        public bool MoveNext()
        {
            if (_next >= _length)
            {
                return false;
            }

            var text = _buffer[_next] != 0;
            var length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_next + 1));
            Current = new OutgoingPacket(_buffer.AsMemory(_next + 5, length), text);
            _next += 5 + length;
            return true;
        }
    }
}
