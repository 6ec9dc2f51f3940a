namespace Hyperscape.Host.Networking;

/// <summary>Why a <see cref="WebSocketTransport"/> stopped receiving.</summary>
internal enum ReceiveOutcome
{
    /// <summary>The client sent its close frame.</summary>
    PeerClosed,

    /// <summary>The connection ended without a close frame.</summary>
    PeerGone,

    /// <summary>A message passed the size limit.</summary>
    TooLarge,

    /// <summary>The client broke RFC 6455; <see cref="WebSocketTransport.Violation"/> says how.</summary>
    ProtocolError,
}
