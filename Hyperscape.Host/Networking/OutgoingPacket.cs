namespace Hyperscape.Host.Networking;

/// <summary>A queued packet: a pooled buffer, the bytes used, and whether it goes out as a text frame.</summary>
/// <param name="Buffer">The pooled buffer.</param>
/// <param name="Length">Bytes used.</param>
/// <param name="Text">True for a JSON text frame.</param>
public readonly record struct OutgoingPacket(byte[] Buffer, int Length, bool Text);
