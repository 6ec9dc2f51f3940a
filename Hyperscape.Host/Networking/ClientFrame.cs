namespace Hyperscape.Host.Networking;

/// <summary>What <see cref="ClientFrameReader.Read"/> found in the bytes it was given.</summary>
internal enum ClientFrame
{
    /// <summary>Nothing complete yet: read more from the socket.</summary>
    NeedMoreData,

    /// <summary>A whole data message is in <see cref="ClientFrameReader.Message"/>.</summary>
    Message,

    /// <summary>A ping; its payload is in <see cref="ClientFrameReader.ControlPayload"/> and goes back in a pong.</summary>
    Ping,

    /// <summary>A pong (a reply to a keep-alive, or unsolicited): nothing to do.</summary>
    Pong,

    /// <summary>The client's close frame; its payload is in <see cref="ClientFrameReader.ControlPayload"/>.</summary>
    Close,

    /// <summary>The message being assembled passed the size limit.</summary>
    TooLarge,

    /// <summary>The client broke RFC 6455; <see cref="ClientFrameReader.Violation"/> says how.</summary>
    ProtocolError,
}
