using System.Net;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Operations;

namespace Hyperscape.Host.Networking;

/// <summary>
/// One client's connection: whole messages in (at most 1,024 bytes; more closes with 1009, a broken
/// frame with 1002), packets out through a bounded queue drained by the connection's own send loop
/// (all that is queued leaves in one write), and the close handshake. It knows nothing of the
/// protocol's meaning: it answers in the encoding the client last used (JSON packets are
/// transcoded on the send path, off the game thread) and measures whether the client keeps up.
/// </summary>
public sealed class WebSocketConnection : IClientLink
{
    private readonly WebSocketTransport _transport;
    private readonly SessionLimits _limits;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly SendClock _sendClock = new();
    private Func<ReadOnlyMemory<byte>, bool, Task>? _received;
    private string? _closeReason;
    private int _closeRequested;
    private int _closeStatus = 1000;
    private volatile bool _usesJson;

    internal WebSocketConnection(WebSocketTransport transport, long clientId, IPAddress? remoteAddress, SessionLimits limits, ServerMetrics metrics, ILogger logger)
    {
        _transport = transport;
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
        _received = received;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        var sending = SendLoopAsync(linked.Token);
        try
        {
            switch (await _transport.ReceiveAsync(OnMessageAsync, linked.Token).ConfigureAwait(false))
            {
                case ReceiveOutcome.TooLarge:
                    _metrics.MessageRejected("too-large");
                    Close(1009, $"Messages are at most {WireProtocol.MaxPacketSize} bytes.");
                    break;
                case ReceiveOutcome.ProtocolError:
                    _metrics.MessageRejected("protocol");
                    _logger.LogInformation("Client {Client} ({Address}) broke the WebSocket protocol: {Violation}", ClientId, RemoteAddress, _transport.Violation);
                    Close(1002, _transport.Violation);
                    break;
            }
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException)
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

        _closeStatus = status;
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
        var blocked = _sendClock.Blocked;
        var dropping = Outgoing.Stalled ? now - Outgoing.StalledSince : TimeSpan.Zero;
        return blocked > dropping ? blocked : dropping;
    }

    /// <inheritdoc />
    public bool TryClearStall() => Outgoing.Stalled && Outgoing.TryClearStall();

    private Task OnMessageAsync(ReadOnlyMemory<byte> message, bool text)
    {
        if (Closing)
        {
            // Waiting for the client's half of the close handshake; it has nothing more to say.
            return Task.CompletedTask;
        }

        _metrics.BytesReceived(message.Length);
        _usesJson = text;
        return _received!(message, text);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await Outgoing.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = Outgoing.TakeBatch();
                if (!batch.IsEmpty && _transport.CanSend)
                {
                    _metrics.BytesSent(await _transport.SendAsync(batch, _sendClock, cancellationToken).ConfigureAwait(false));
                }

                Outgoing.Recycle();
            }

            // Everything queued before the close went out; now say why we are closing.
            if (_transport.CanSend)
            {
                await _transport.CloseOutputAsync(_closeStatus, _closeReason ?? "Goodbye.", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket is gone or the close timed out: nothing more can be said to this client.
            if (_closeReason is not null)
            {
                _logger.LogInformation("Client {Client} ({Address}) was cut off without a close handshake ({Status}: {Reason})", ClientId, RemoteAddress, _closeStatus, _closeReason);
            }
        }
        finally
        {
            Outgoing.Complete();
            Outgoing.Release();
        }
    }
}
