namespace Hyperscape.Ecs.Sync;

/// <summary>How a packet handed to an <see cref="IPacketSink"/> must be treated by a slow connection.</summary>
public enum PacketDelivery : byte
{
    /// <summary>
    /// A sync frame: a connection that cannot keep up may drop it, because the sync resends the
    /// newest state in full once the connection drains (the host asks for that with
    /// <see cref="Server.GameServer.Connect"/>).
    /// </summary>
    Droppable = 1,

    /// <summary>Events, chat and replies: never dropped silently; a connection that cannot take one is closed.</summary>
    Reliable = 2,
}
