using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Host.Networking;

/// <summary>
/// RFC 6455 spoken by the server itself over an upgraded HTTP/1.1 connection: frames are read
/// straight from Kestrel's connection pipe by one loop that lives as long as the connection, and
/// written to the upgrade stream, every write whole and alone behind one lock (batches of data
/// frames, pongs, the keep-alive and the close).
/// </summary>
/// <remarks>
/// One loop per connection instead of the runtime's WebSocket over the upgrade stream: that path
/// awaits through seven pooled async state machines for every receive, and reusing a pooled box
/// dirties its card in the oldest generation, so every young collection scanned about one card
/// per connection (measured in the README's GC section). A box that lives as long as its loop does not.
/// </remarks>
internal sealed class PipeWebSocketTransport : WebSocketTransport
{
    private const int MaxCloseReasonBytes = 123;

    /// <summary>An empty unsolicited pong: keeps idle connections open through proxies, wants no answer.</summary>
    private static readonly byte[] KeepAliveFrame = [0x80 | WebSocketFrameHeader.PongOpcode, 0];

    private readonly PipeReader _input;
    private readonly Stream _output;
    private readonly ClientFrameReader _frames = new(WireProtocol.MaxPacketSize);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _pongFrame = new byte[2 + 125];
    private readonly byte[] _closeFrame = new byte[2 + 2 + MaxCloseReasonBytes];
    private readonly long _keepAliveMilliseconds;
    private readonly Timer _keepAlive;
    private long _lastWrite = Environment.TickCount64;
    private volatile bool _closeSent;
    private bool _closeWritten;
    private volatile bool _broken;

    /// <summary>Speaks WebSocket over <paramref name="input"/> (after the upgrade request) and <paramref name="output"/> (the upgrade stream).</summary>
    public PipeWebSocketTransport(PipeReader input, Stream output, TimeSpan keepAlive)
    {
        _input = input;
        _output = output;
        _keepAliveMilliseconds = (long)keepAlive.TotalMilliseconds;
        _keepAlive = new Timer(static state => ((PipeWebSocketTransport)state!).KeepAliveDue(), this, keepAlive, keepAlive);
    }

    /// <inheritdoc />
    public override bool CanSend => !_closeSent && !_broken;

    /// <inheritdoc />
    public override async Task<ReceiveOutcome> ReceiveAsync(Func<ReadOnlyMemory<byte>, bool, Task> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                var frame = _frames.Read(ref buffer);
                while (frame != ClientFrame.NeedMoreData)
                {
                    switch (frame)
                    {
                        case ClientFrame.Message:
                            await message(_frames.Message, _frames.MessageIsText).ConfigureAwait(false);
                            break;
                        case ClientFrame.Ping:
                            var length = WebSocketFrameHeader.Write(_pongFrame, WebSocketFrameHeader.PongOpcode, _frames.ControlPayload.Length);
                            _frames.ControlPayload.CopyTo(_pongFrame.AsSpan(length));
                            if (CanSend)
                            {
                                await WriteAsync(_pongFrame.AsMemory(0, length + _frames.ControlPayload.Length), cancellationToken).ConfigureAwait(false);
                            }

                            break;
                        case ClientFrame.Pong:
                            break;
                        case ClientFrame.Close:
                            return ReceiveOutcome.PeerClosed;
                        case ClientFrame.TooLarge:
                            return ReceiveOutcome.TooLarge;
                        default:
                            Violation = _frames.Violation;
                            return ReceiveOutcome.ProtocolError;
                    }

                    frame = _frames.Read(ref buffer);
                }

                if (result.IsCompleted)
                {
                    return ReceiveOutcome.PeerGone;
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> SendAsync(OutgoingBatch batch, SendClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);

        // A frame header takes at most 10 bytes where a record header took 5 (a packet is longer
        // than 10 bytes); a JSON client's text may need more, and the buffer grows then.
        var wire = SendBufferPool.Rent(batch.Length + (batch.Length / 2));
        var payloadBytes = 0;
        try
        {
            var length = 0;
            foreach (var packet in batch)
            {
                var bytes = packet.WireBytes();
                var needed = length + WebSocketFrameHeader.MaxLength + bytes.Length;
                if (needed > wire.Length)
                {
                    SendBufferPool.Grow(ref wire, length, needed);
                }

                length += WebSocketFrameHeader.Write(wire.AsSpan(length), packet.Text, bytes.Length);
                bytes.Span.CopyTo(wire.AsSpan(length));
                length += bytes.Length;
                payloadBytes += bytes.Length;
            }

            // The stream copies the bytes into the transport before it completes, so the buffer
            // is free again once the write is.
            await clock.Watch(WriteAsync(wire.AsMemory(0, length), cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            SendBufferPool.Return(wire);
        }

        return payloadBytes;
    }

    /// <inheritdoc />
    public override ValueTask CloseOutputAsync(int status, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (_closeSent)
        {
            return ValueTask.CompletedTask;
        }

        _closeSent = true;
        Utf8.FromUtf16(reason, _closeFrame.AsSpan(4, MaxCloseReasonBytes), out _, out var reasonBytes);
        var header = WebSocketFrameHeader.Write(_closeFrame, WebSocketFrameHeader.CloseOpcode, 2 + reasonBytes);
        BinaryPrimitives.WriteUInt16BigEndian(_closeFrame.AsSpan(header), (ushort)status);
        return WriteAsync(_closeFrame.AsMemory(0, header + 2 + reasonBytes), cancellationToken, close: true);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _keepAlive.DisposeAsync().ConfigureAwait(false);
        _broken = true;
    }

    /// <summary>Writes whole frames behind the lock; nothing follows the close frame on the wire.</summary>
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken, bool close = false)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closeWritten)
            {
                return;
            }

            await _output.WriteAsync(frames, cancellationToken).ConfigureAwait(false);
            _closeWritten = close;
            Volatile.Write(ref _lastWrite, Environment.TickCount64);
        }
        catch
        {
            _broken = true;
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void KeepAliveDue()
    {
        if (CanSend && Environment.TickCount64 - Volatile.Read(ref _lastWrite) >= _keepAliveMilliseconds)
        {
            _ = SendKeepAliveAsync();
        }
    }

    private async Task SendKeepAliveAsync()
    {
        try
        {
            await WriteAsync(KeepAliveFrame, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection is going or gone; its own loops notice and end it.
        }
    }
}
