namespace Hyperscape.Host.Configuration;

/// <summary>What one connection may do before the server pushes back.</summary>
public sealed class SessionLimits
{
    /// <summary>A client has this long after connecting to send a valid hello.</summary>
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages per second, sustained, over all kinds.</summary>
    public double MessagesPerSecond { get; set; } = 30;

    /// <summary>Messages allowed in a burst.</summary>
    public double MessageBurst { get; set; } = 60;

    /// <summary>Chat messages per second (burst of 5).</summary>
    public double ChatPerSecond { get; set; } = 2;

    /// <summary>Malformed messages within <see cref="MalformedWindow"/> before the connection is closed.</summary>
    public int MalformedLimit { get; set; } = 5;

    /// <summary>The window of <see cref="MalformedLimit"/>.</summary>
    public TimeSpan MalformedWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes a slow client may have queued before its sync is held back and later resent whole.</summary>
    public int SendQueueBytes { get; set; } = 256 * 1024;

    /// <summary>How long a client has to finish the closing handshake before the socket is cut.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Open game connections at most; past it an upgrade is answered 503 with Retry-After.</summary>
    public int MaxConnections { get; set; } = 5000;

    /// <summary>
    /// Connections that have not finished their hello, at most: a smaller cap than
    /// <see cref="MaxConnections"/>, so sockets that never speak cannot hold every slot.
    /// </summary>
    public int MaxConnectionsBeforeHello { get; set; } = 256;

    /// <summary>Open game connections from one IP address at most.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 32;

    /// <summary>Characters one account may have.</summary>
    public int CharactersPerAccount { get; set; } = 5;

    /// <summary>
    /// How long a client may stay stalled before it is disconnected: measured from the first send
    /// the socket could not complete, or from the first sync packet dropped for it, whichever is earlier.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The kernel's send buffer per game socket. Small on purpose: a client that stops reading
    /// then blocks a send within a few frames, which starts its stall clock, instead of the kernel
    /// quietly swallowing megabytes first.
    /// </summary>
    public int SocketSendBufferBytes { get; set; } = 64 * 1024;
}
