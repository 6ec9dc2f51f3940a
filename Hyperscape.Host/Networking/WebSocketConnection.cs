using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Operations;

namespace Hyperscape.Host.Networking;

/// <summary>
/// The transport of one client: whole messages in (at most 1,024 bytes; more closes with 1009),
/// packets out through a bounded queue drained by the connection's own send loop (all that is
/// queued leaves in one write), and the close handshake. It knows nothing of the protocol's meaning: it answers in the encoding the client
/// last used (JSON packets are transcoded here, on the send path, off the game thread) and
/// measures whether the client keeps up.
/// </summary>
public sealed class WebSocketConnection : IClientLink
{
    private readonly WebSocket _socket;
    private readonly ClientFrameStream? _frames;
    private readonly SessionLimits _limits;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private string? _closeReason;
    private int _closeRequested;
    private long _sendBlockedSince;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private volatile bool _usesJson;

    internal WebSocketConnection(WebSocket socket, ClientFrameStream? frames, long clientId, IPAddress? remoteAddress, SessionLimits limits, ServerMetrics metrics, ILogger logger)
    {
        _socket = socket;
        _frames = frames;
        _limits = limits;
        _metrics = metrics;
        _logger = logger;
        ClientId = clientId;
        RemoteAddress = remoteAddress?.ToString() ?? "an unknown address";
        Outgoing = new OutgoingQueue(limits.SendQueueBytes);
    }

    /// <inheritdoc />
    public long ClientId { get; }

    /// <inheritdoc />
    public string RemoteAddress { get; }

    /// <summary>The send queue.</summary>
    public OutgoingQueue Outgoing { get; }

    /// <inheritdoc />
    public int QueuedBytes => Outgoing.QueuedBytes;

    /// <summary>True once a close was asked for, by either side.</summary>
    public bool Closing => Volatile.Read(ref _closeRequested) != 0;

    /// <summary>
    /// Runs the connection until either side closes it, handing each whole message to
    /// <paramref name="received"/> (the bytes are valid until it returns; true when it was a text frame).
    /// </summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, bool, Task> received, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(received);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        var sending = SendLoopAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(received, linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client vanished or would not finish closing: both end the connection the same way.
        }
        finally
        {
            Close(1000, "Goodbye.");
            await sending.ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> packet, PacketDelivery delivery) => Enqueue(packet, delivery, wake: true);

    /// <inheritdoc />
    public void Queue(ReadOnlySpan<byte> packet, PacketDelivery delivery) => Enqueue(packet, delivery, wake: false);

    /// <inheritdoc />
    public void Flush() => Outgoing.Flush();

    private void Enqueue(ReadOnlySpan<byte> packet, PacketDelivery delivery, bool wake)
    {
        if (Closing)
        {
            return;
        }

        var droppable = delivery == PacketDelivery.Droppable;
        if (Outgoing.TryEnqueue(packet, text: _usesJson, droppable, wake))
        {
            return;
        }

        _metrics.PacketDropped();
        if (!droppable)
        {
            Close(1008, "Too slow to keep up.");
        }
    }

    /// <inheritdoc />
    public void Close(int status, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        _closeStatus = (WebSocketCloseStatus)status;
        _closeReason = reason;
        Outgoing.Complete();
        try
        {
            // What is queued goes out, then the close; a client that does not finish the handshake in time is cut off.
            _closing.CancelAfter(_limits.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <inheritdoc />
    public TimeSpan StalledFor(DateTimeOffset now)
    {
        var blockedSince = Interlocked.Read(ref _sendBlockedSince);
        var blocked = blockedSince == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(blockedSince);
        var dropping = Outgoing.Stalled ? now - Outgoing.StalledSince : TimeSpan.Zero;
        return blocked > dropping ? blocked : dropping;
    }

    /// <inheritdoc />
    public bool TryClearStall() => Outgoing.Stalled && Outgoing.TryClearStall();

    private async Task ReceiveLoopAsync(Func<ReadOnlyMemory<byte>, bool, Task> received, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(WireProtocol.MaxPacketSize + 1);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var (length, type) = await ReceiveMessageAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    return;
                }

                if (Closing)
                {
                    // Waiting for the client's half of the close handshake; it has nothing more to say.
                    continue;
                }

                if (length < 0)
                {
                    _metrics.MessageRejected("too-large");
                    Close(1009, $"Messages are at most {WireProtocol.MaxPacketSize} bytes.");
                    return;
                }

                _metrics.BytesReceived(length);
                _usesJson = type == WebSocketMessageType.Text;
                await received(buffer.AsMemory(0, length), _usesJson).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads one whole message; a length of -1 means it passed the size limit.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Length, WebSocketMessageType Type)> ReceiveMessageAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var type = WebSocketMessageType.Binary;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close);
            }

            if (length == 0 && type == WebSocketMessageType.Binary)
            {
                // The message's first chunk: its real kind, when the frames were relabelled.
                type = _frames is null ? result.MessageType : _frames.NextMessageIsText() ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            }

            length += result.Count;
            if (length > WireProtocol.MaxPacketSize)
            {
                return (-1, type);
            }

            if (result.EndOfMessage)
            {
                return (length, type);
            }
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await Outgoing.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = Outgoing.TakeBatch();
                if (!batch.IsEmpty && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await SendAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                Outgoing.Recycle();
            }

            // Everything queued before the close went out; now say why we are closing.
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason ?? "Goodbye.", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // The socket is gone or the close timed out: nothing more can be said to this client.
            if (_closeReason is not null && _socket.State is not (WebSocketState.Closed or WebSocketState.CloseSent))
            {
                _logger.LogInformation("Client {Client} ({Address}) was cut off without a close handshake ({Status}: {Reason})", ClientId, RemoteAddress, (int)_closeStatus, _closeReason);
            }
        }
        finally
        {
            Outgoing.Complete();
            Outgoing.Release();
        }
    }

    /// <summary>
    /// Sends a batch: over the frame stream, every packet framed into one buffer and written at
    /// once (one send for the client's whole frame); without one (WebSockets over HTTP/2), one
    /// message at a time through the WebSocket.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        var payloadBytes = 0;
        if (_frames is null)
        {
            foreach (var packet in batch)
            {
                var (bytes, type) = Encode(packet);
                await WatchStall(_socket.SendAsync(bytes, type, true, cancellationToken)).ConfigureAwait(false);
                payloadBytes += bytes.Length;
            }

            _metrics.BytesSent(payloadBytes);
            return;
        }

        // A frame header takes at most 10 bytes where a record header took 5 (a packet is longer
        // than 10 bytes); a JSON client's text may need more, and the buffer grows then.
        var wire = SendBufferPool.Rent(batch.Length + (batch.Length / 2));
        try
        {
            var length = 0;
            foreach (var packet in batch)
            {
                var (bytes, type) = Encode(packet);
                var needed = length + WebSocketFrameHeader.MaxLength + bytes.Length;
                if (needed > wire.Length)
                {
                    SendBufferPool.Grow(ref wire, length, needed);
                }

                length += WebSocketFrameHeader.Write(wire.AsSpan(length), type == WebSocketMessageType.Text, bytes.Length);
                bytes.Span.CopyTo(wire.AsSpan(length));
                length += bytes.Length;
                payloadBytes += bytes.Length;
            }

            // The stream copies the bytes into the transport before it completes, so the buffer
            // is free again once the write is.
            await WatchStall(_frames.WriteAsync(wire.AsMemory(0, length), cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            SendBufferPool.Return(wire);
        }

        _metrics.BytesSent(payloadBytes);
    }

    private static (ReadOnlyMemory<byte> Bytes, WebSocketMessageType Type) Encode(OutgoingPacket packet) =>
        packet.Text

            // The game thread queued MessagePack; a JSON client gets it transcoded here.
            ? (Encoding.UTF8.GetBytes(JsonTranscoder.ToJson(packet.Payload)), WebSocketMessageType.Text)
            : (packet.Payload, WebSocketMessageType.Binary);

    /// <summary>Runs a send, starting the client's stall clock while the socket's buffers are full.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WatchStall(ValueTask sending)
    {
        if (!sending.IsCompleted)
        {
            Interlocked.Exchange(ref _sendBlockedSince, Stopwatch.GetTimestamp());
        }

        await sending.ConfigureAwait(false);
        Interlocked.Exchange(ref _sendBlockedSince, 0);
    }
}
