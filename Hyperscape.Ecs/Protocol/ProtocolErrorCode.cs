namespace Hyperscape.Ecs.Protocol;

/// <summary>Why a message was refused. Stable numbers: they are sent in <see cref="MessageType.Error"/>.</summary>
public enum ProtocolErrorCode : byte
{
    /// <summary>The message ended early.</summary>
    Truncated = 1,

    /// <summary>The message is larger than <see cref="WireProtocol.MaxPacketSize"/>.</summary>
    TooLarge = 2,

    /// <summary>A message must be an array.</summary>
    NotAnArray = 3,

    /// <summary>The message type is not known (or is a server-only type).</summary>
    UnknownType = 4,

    /// <summary>The array has the wrong number of elements for its type.</summary>
    WrongShape = 5,

    /// <summary>An element has the wrong type.</summary>
    WrongType = 6,

    /// <summary>A number is out of its range.</summary>
    OutOfRange = 7,

    /// <summary>A text is longer than its limit.</summary>
    TextTooLong = 8,

    /// <summary>Bytes follow the message.</summary>
    TrailingBytes = 9,

    /// <summary>A text frame is not valid JSON (or nests too deep, or holds objects).</summary>
    InvalidJson = 10,

    /// <summary>The client announced a protocol version this server does not speak.</summary>
    UnsupportedVersion = 11,

    /// <summary>The message is valid but not allowed now (for example an action before entering the world).</summary>
    NotAllowedNow = 12,

    /// <summary>Authentication failed.</summary>
    Unauthorized = 13,

    /// <summary>Too many messages.</summary>
    RateLimited = 14,

    /// <summary>The server could not do it (a database outage, a bug); try again.</summary>
    ServerError = 15,

    /// <summary>
    /// A hello's resume token is unknown or expired (or its session ended meanwhile): the session
    /// goes on as a fresh one, so the client should list and select a character.
    /// </summary>
    ResumeExpired = 16,
}
