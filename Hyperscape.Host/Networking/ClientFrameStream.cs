using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Hyperscape.Host.Networking;

/// <summary>
/// The byte stream under a game WebSocket, read side relabelled: each client text frame reaches
/// the WebSocket layer as a binary frame, and the message's real kind is queued for the session.
/// The runtime's WebSocket fails a connection on a text frame that is not UTF-8 by itself,
/// aborting the socket before the server can say why; relabelled, the frame reaches the session,
/// which answers with an error and a clean 1007 close. Nothing else changes: the frame headers
/// are only read, and the payload is not touched.
/// On the write side, each write is whole and alone: the connection writes batches of frames of
/// its own straight to this stream, and the WebSocket writes its control frames (pongs, the
/// close), each a single write, so a lock around every write keeps frames from interleaving.
/// </summary>
internal sealed class ClientFrameStream(Stream inner) : Stream
{
    private const int TextOpcode = 0x1;
    private const int BinaryOpcode = 0x2;

    private readonly ConcurrentQueue<bool> _messageIsText = new();
    private readonly byte[] _header = new byte[14];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _headerRead;
    private int _headerLength;
    private long _payloadLeft;

    /// <summary>
    /// Takes the kind of the next data message, in arrival order: call once per message received.
    /// The stream reads ahead of the WebSocket, so the kinds wait in a queue until asked for.
    /// </summary>
    public bool NextMessageIsText() => _messageIsText.TryDequeue(out var text) && text;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Scan(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Scan(buffer.AsSpan(offset, read));
        return read;
    }

    // Pooled: a connection writes a batch every frame, and a write that waits must not leave garbage behind.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _writeLock.Wait();
        try
        {
            inner.Write(buffer, offset, count);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Walks frame headers across reads; relabels a text frame's opcode as it passes.</summary>
    private void Scan(Span<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_payloadLeft > 0)
            {
                var skip = (int)Math.Min(_payloadLeft, bytes.Length - i);
                i += skip;
                _payloadLeft -= skip;
                continue;
            }

            if (_headerRead == 0)
            {
                // The first header byte: FIN, RSV and the opcode. Continuations (0) and control
                // frames (8 and up) keep the kind of the message they belong to, or have none.
                var opcode = bytes[i] & 0x0F;
                if (opcode == TextOpcode)
                {
                    bytes[i] = (byte)((bytes[i] & 0xF0) | BinaryOpcode);
                    _messageIsText.Enqueue(true);
                }
                else if (opcode == BinaryOpcode)
                {
                    _messageIsText.Enqueue(false);
                }
            }

            _header[_headerRead++] = bytes[i++];
            if (_headerRead == 2)
            {
                var length7 = _header[1] & 0x7F;
                _headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((_header[1] & 0x80) != 0 ? 4 : 0);
            }

            if (_headerRead >= 2 && _headerRead == _headerLength)
            {
                var length7 = _header[1] & 0x7F;
                _payloadLeft = length7 switch
                {
                    126 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2)),
                    127 => (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2)), long.MaxValue),
                    _ => length7,
                };
                _headerRead = 0;
                _headerLength = 0;
            }
        }
    }
}
