namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Where the sync puts outgoing packets. The span is only valid during the call: copy it (into a
/// pooled buffer, a socket send queue...). Called on the game thread.
/// </summary>
public interface IPacketSink
{
    /// <summary>Delivers one packet (at most <see cref="SyncOptions.MaxPacketSize"/> bytes) to a client.</summary>
    void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery);
}
