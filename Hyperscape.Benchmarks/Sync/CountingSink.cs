using Hyperscape.Ecs.Sync;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>A packet sink that only counts, so a measurement is the sync's own cost.</summary>
public sealed class CountingSink : IPacketSink
{
    public long Bytes { get; private set; }

    public long Packets { get; private set; }

    public int Largest { get; private set; }

    public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery)
    {
        Bytes += packet.Length;
        Packets++;
        Largest = Math.Max(Largest, packet.Length);
    }

    public void Reset()
    {
        Bytes = 0;
        Packets = 0;
    }
}
