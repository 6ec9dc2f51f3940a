using Hyperscape.Ecs.Sync;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// What the game thread needs of a client's connection: to send it packets, to close it, and to
/// know whether it keeps up. The connection depends on the game loop, never the other way round.
/// </summary>
public interface IClientLink
{
    /// <summary>The connection's id, unique for the server's lifetime.</summary>
    long ClientId { get; }

    /// <summary>The client's address, for logs.</summary>
    string RemoteAddress { get; }

    /// <summary>Bytes waiting to be sent.</summary>
    int QueuedBytes { get; }

    /// <summary>Queues a packet (any thread). A droppable one may be dropped for a slow client; a reliable one never silently.</summary>
    void Send(ReadOnlySpan<byte> packet, PacketDelivery delivery);

    /// <summary>
    /// Queues a packet like <see cref="Send"/> without waking the connection's sender: the game
    /// loop queues a whole frame's packets this way, while it builds them, and then calls
    /// <see cref="Flush"/> on every link, so sends do not compete with the frame for the core.
    /// </summary>
    void Queue(ReadOnlySpan<byte> packet, PacketDelivery delivery);

    /// <summary>Wakes the connection's sender for whatever <see cref="Queue"/> left waiting.</summary>
    void Flush();

    /// <summary>Closes the connection with a status and a reason (any thread); the first close wins.</summary>
    void Close(int status, string reason);

    /// <summary>How long the client has not kept up (zero while it does).</summary>
    TimeSpan StalledFor(DateTimeOffset now);

    /// <summary>True once a client that missed sync packets has drained enough to be resynced; clears the stall.</summary>
    bool TryClearStall();
}
