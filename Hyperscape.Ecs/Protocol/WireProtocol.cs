namespace Hyperscape.Ecs.Protocol;

/// <summary>The protocol version and its limits. See docs/PROTOCOL.md.</summary>
public static class WireProtocol
{
    /// <summary>The version a client announces in its hello; a server refuses others.</summary>
    public const int Version = 1;

    /// <summary>The largest message either side may send, in bytes.</summary>
    public const int MaxPacketSize = 1024;

    /// <summary>The longest chat message, in characters as a person counts them (see <see cref="Game.Social.SocialRules.MaxMessageLength"/>).</summary>
    public const int MaxChatLength = Game.Social.SocialRules.MaxMessageLength;

    /// <summary>The longest chat message in UTF-8 bytes (see <see cref="Game.Social.SocialRules.MaxMessageBytes"/>).</summary>
    public const int MaxChatBytes = Game.Social.SocialRules.MaxMessageBytes;

    /// <summary>The longest character name.</summary>
    public const int MaxNameLength = Game.Components.DisplayName.MaxLength;

    /// <summary>
    /// The most characters a character list can carry: with the longest ids and names, 16 entries
    /// take 454 bytes, so a list always fits one message. A host's per-account cap may not exceed it.
    /// </summary>
    public const int MaxCharactersPerAccount = 16;

    /// <summary>The deepest nesting a JSON message may have (messages are flat arrays; sync frames nest three deep).</summary>
    public const int MaxJsonDepth = 4;
}
