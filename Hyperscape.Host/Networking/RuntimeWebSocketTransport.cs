using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Host.Networking;

/// <summary>
/// The runtime's <see cref="WebSocket"/> as a transport, for connections that are not a plain
/// HTTP/1.1 upgrade (WebSockets over HTTP/2): one message per send, the runtime's own close handshake.
/// </summary>
internal sealed class RuntimeWebSocketTransport(WebSocket socket) : WebSocketTransport
{
    /// <inheritdoc />
    public override bool CanSend => socket.State is WebSocketState.Open or WebSocketState.CloseReceived;

    /// <inheritdoc />
    public override async Task<ReceiveOutcome> ReceiveAsync(Func<ReadOnlyMemory<byte>, bool, Task> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = ArrayPool<byte>.Shared.Rent(WireProtocol.MaxPacketSize + 1);
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var (length, type) = await ReceiveMessageAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    return ReceiveOutcome.PeerClosed;
                }

                if (length < 0)
                {
                    return ReceiveOutcome.TooLarge;
                }

                await message(buffer.AsMemory(0, length), type == WebSocketMessageType.Text).ConfigureAwait(false);
            }

            return ReceiveOutcome.PeerGone;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> SendAsync(OutgoingBatch batch, SendClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var payloadBytes = 0;
        foreach (var packet in batch)
        {
            var bytes = packet.WireBytes();
            var type = packet.Text ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            await clock.Watch(socket.SendAsync(bytes, type, true, cancellationToken)).ConfigureAwait(false);
            payloadBytes += bytes.Length;
        }

        return payloadBytes;
    }

    /// <inheritdoc />
    public override ValueTask CloseOutputAsync(int status, string reason, CancellationToken cancellationToken) =>
        new(socket.CloseOutputAsync((WebSocketCloseStatus)status, reason, cancellationToken));

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads one whole message; a length of -1 means it passed the size limit.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Length, WebSocketMessageType Type)> ReceiveMessageAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close);
            }

            length += result.Count;
            if (length > WireProtocol.MaxPacketSize)
            {
                return (-1, result.MessageType);
            }

            if (result.EndOfMessage)
            {
                return (length, result.MessageType);
            }
        }
    }
}
