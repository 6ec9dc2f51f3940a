using System.Buffers;

namespace Hyperscape.Host.Networking;

/// <summary>
/// A connection's bounded send queue of pooled buffers, never holding more than its byte budget.
/// Sync packets are droppable and may use half of it: past that the connection is marked stalled
/// and sync packets are dropped, because the next full resync carries the newest state anyway.
/// Other packets (events, chat, replies) are never dropped silently; one that would not fit the
/// whole budget is refused, and the connection is hopeless.
/// </summary>
public sealed class OutgoingQueue(int budgetBytes)
{
    private readonly Queue<OutgoingPacket> _packets = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Lock _gate = new();
    private int _bytes;
    private bool _completed;

    /// <summary>True while sync packets are being dropped; a resync is owed once the queue drains.</summary>
    public bool Stalled { get; private set; }

    /// <summary>When the connection stalled.</summary>
    public DateTimeOffset StalledSince { get; private set; }

    /// <summary>Bytes waiting.</summary>
    public int QueuedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Queues a copy of the packet. False when it was dropped (sync) or refused (overflow).</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> packet, bool text, bool droppable)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            if (droppable && (Stalled || _bytes + packet.Length > budgetBytes / 2))
            {
                if (!Stalled)
                {
                    Stalled = true;
                    StalledSince = DateTimeOffset.UtcNow;
                }

                return false;
            }

            if (!droppable && _bytes + packet.Length > budgetBytes)
            {
                return false;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(packet.Length);
            packet.CopyTo(buffer);
            _packets.Enqueue(new OutgoingPacket(buffer, packet.Length, text));
            _bytes += packet.Length;
        }

        _ready.Release();
        return true;
    }

    /// <summary>True once a stalled connection has drained enough to be resynced; clears the stall.</summary>
    public bool TryClearStall()
    {
        lock (_gate)
        {
            if (!Stalled || _bytes > budgetBytes / 8)
            {
                return false;
            }

            Stalled = false;
            return true;
        }
    }

    /// <summary>Waits for the next packet; null once completed and empty.</summary>
    public async Task<OutgoingPacket?> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_packets.TryDequeue(out var packet))
                {
                    _bytes -= packet.Length;
                    return packet;
                }

                if (_completed)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Takes a packet without waiting (used to return the buffers of a dead connection).</summary>
    public bool TryDequeue(out OutgoingPacket packet)
    {
        lock (_gate)
        {
            if (_packets.TryDequeue(out packet))
            {
                _bytes -= packet.Length;
                return true;
            }

            return false;
        }
    }

    /// <summary>Stops taking packets; the sender finishes what is queued.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
        }

        _ready.Release();
    }

    /// <summary>Returns a sent packet's buffer to the pool.</summary>
    public static void Return(OutgoingPacket packet) => ArrayPool<byte>.Shared.Return(packet.Buffer);
}
