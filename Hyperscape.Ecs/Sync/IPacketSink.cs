namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Where the sync puts outgoing packets. The span is only valid during the call: copy it (into a
/// pooled buffer, a socket send queue...). Called while the game thread builds a frame: from the
/// game thread alone when <see cref="SyncOptions.Parallelism"/> is 1, otherwise from several
/// threads at once, never for the same client twice at once and always in order for one client.
/// </summary>
public interface IPacketSink
{
    /// <summary>Delivers one packet (at most <see cref="SyncOptions.MaxPacketSize"/> bytes) to a client.</summary>
    void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery);
}
