using Hyperscape.Ecs.Sync;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// A packet sink that only counts, so a measurement is the sync's own cost. Safe to call from the
/// sync's frame-building threads at once.
/// </summary>
public sealed class CountingSink : IPacketSink
{
    private long _bytes;
    private long _packets;
    private int _largest;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Packets => Interlocked.Read(ref _packets);

    public int Largest => Volatile.Read(ref _largest);

    public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery)
    {
        Interlocked.Add(ref _bytes, packet.Length);
        Interlocked.Increment(ref _packets);
        var largest = Volatile.Read(ref _largest);
        while (packet.Length > largest)
        {
            var seen = Interlocked.CompareExchange(ref _largest, packet.Length, largest);
            if (seen == largest)
            {
                break;
            }

            largest = seen;
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _packets, 0);
    }
}
