namespace Hyperscape.Host.Networking;

/// <summary>
/// The WebSocket under one connection, reduced to what the connection needs: whole messages in,
/// batches of packets out, the close frame. <see cref="PipeWebSocketTransport"/> speaks RFC 6455
/// itself over Kestrel's connection (HTTP/1.1, every browser and bot); <see cref="RuntimeWebSocketTransport"/>
/// wraps the runtime's WebSocket where there is no such connection (WebSockets over HTTP/2).
/// </summary>
internal abstract class WebSocketTransport : IAsyncDisposable
{
    /// <summary>True until a close frame was sent or the connection broke.</summary>
    public abstract bool CanSend { get; }

    /// <summary>How the client broke the protocol, after <see cref="ReceiveOutcome.ProtocolError"/>.</summary>
    public string Violation { get; protected set; } = string.Empty;

    /// <summary>
    /// Receives until the client closes, goes away or breaks a rule, handing each whole message to
    /// <paramref name="message"/> with true for text (the bytes are valid until its task completes).
    /// Called once per connection.
    /// </summary>
    public abstract Task<ReceiveOutcome> ReceiveAsync(Func<ReadOnlyMemory<byte>, bool, Task> message, CancellationToken cancellationToken);

    /// <summary>Sends a batch, each packet its own message; returns the payload bytes sent.</summary>
    public abstract ValueTask<int> SendAsync(OutgoingBatch batch, SendClock clock, CancellationToken cancellationToken);

    /// <summary>Sends the close frame.</summary>
    public abstract ValueTask CloseOutputAsync(int status, string reason, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
