namespace Hyperscape.Ecs.Protocol;

/// <summary>The protocol version and its limits. See docs/PROTOCOL.md.</summary>
public static class WireProtocol
{
    /// <summary>The version a client announces in its hello; a server refuses others.</summary>
    public const int Version = 1;

    /// <summary>The largest message either side may send, in bytes.</summary>
    public const int MaxPacketSize = 1024;

    /// <summary>The longest chat message, in characters.</summary>
    public const int MaxChatLength = 200;

    /// <summary>The longest character name.</summary>
    public const int MaxNameLength = 12;

    /// <summary>The deepest nesting a JSON message may have (messages are flat arrays; sync frames nest three deep).</summary>
    public const int MaxJsonDepth = 4;
}
