using System.Buffers.Binary;
using System.Threading.Tasks.Sources;

namespace Hyperscape.Host.Networking;

/// <summary>
/// A connection's bounded send queue: packets are copied into one buffer, and the sender takes
/// everything queued at once (<see cref="TakeBatch"/>), so a frame's packets for one client leave
/// in one write, wake the sender once, and allocate nothing. The buffers come from the
/// <see cref="SendBufferPool"/>: one is taken when a packet arrives at an empty queue and given
/// back once its batch was sent (<see cref="Recycle"/>), so a queue holds at most two (the one
/// being filled and the one being sent) and none while idle. The queue never holds more than its byte budget.
/// Sync packets are droppable and may use half of it: past that the connection is marked stalled
/// and sync packets are dropped, because the next full resync carries the newest state anyway.
/// Other packets (events, chat, replies) are never dropped silently; one that would not fit the
/// whole budget is refused, and the connection is hopeless.
/// </summary>
/// <remarks>
/// Any thread may queue (the game thread and the sync's frame-building threads); one sender
/// waits and takes. The sender is woken only when it is waiting, and never runs on the thread
/// that queued (continuations run asynchronously), so queuing costs a copy under a short lock.
/// </remarks>
public sealed class OutgoingQueue : IValueTaskSource<bool>
{
    // Each packet is stored as [kind: 1 byte][length: 4 bytes][payload].
    private const int RecordHeader = 5;
    private const int InitialBuffer = 2048;

    private readonly int _budgetBytes;
    private readonly Lock _gate = new();
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _registered;
    private byte[]? _filling;
    private byte[]? _sending;
    private int _length;
    private int _lastBatchLength;
    private int _bytes;
    private bool _waiting;
    private bool _completed;

    /// <summary>Creates a queue that holds at most <paramref name="budgetBytes"/> bytes of packets.</summary>
    public OutgoingQueue(int budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        _budgetBytes = budgetBytes;
    }

    /// <summary>True while sync packets are being dropped; a resync is owed once the queue drains.</summary>
    public bool Stalled { get; private set; }

    /// <summary>When the connection stalled.</summary>
    public DateTimeOffset StalledSince { get; private set; }

    /// <summary>Bytes waiting (packets queued and not yet taken by the sender).</summary>
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

    /// <summary>
    /// Queues a copy of the packet and, unless <paramref name="wake"/> is false (then
    /// <see cref="Flush"/> follows), wakes the sender. False when it was dropped (sync) or
    /// refused (overflow).
    /// </summary>
    public bool TryEnqueue(ReadOnlySpan<byte> packet, bool text, bool droppable, bool wake = true)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            if (droppable && (Stalled || _bytes + packet.Length > _budgetBytes / 2))
            {
                if (!Stalled)
                {
                    Stalled = true;
                    StalledSince = DateTimeOffset.UtcNow;
                }

                return false;
            }

            if (!droppable && _bytes + packet.Length > _budgetBytes)
            {
                return false;
            }

            var needed = _length + RecordHeader + packet.Length;
            if (_filling is null)
            {
                // Sized for a batch like the last one, so a frame's packets rarely need a larger buffer.
                _filling = SendBufferPool.Rent(Math.Max(Math.Max(needed, _lastBatchLength), InitialBuffer));
            }
            else if (needed > _filling.Length)
            {
                SendBufferPool.Grow(ref _filling, _length, needed);
            }

            var record = _filling.AsSpan(_length);
            record[0] = text ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt32LittleEndian(record[1..], packet.Length);
            packet.CopyTo(record[RecordHeader..]);
            _length = needed;
            _bytes += packet.Length;
            if (!wake)
            {
                return true;
            }

            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            _signal.SetResult(true);
        }

        return true;
    }

    /// <summary>Wakes a waiting sender when anything is queued.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_waiting || _length == 0)
            {
                return;
            }

            _waiting = false;
        }

        _signal.SetResult(true);
    }

    /// <summary>
    /// Waits until something is queued or the queue is completed: true when there may be a batch
    /// to take, false once completed with nothing left. One sender at a time.
    /// </summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && cancellationToken != _registered)
        {
            // Registered once per token, outside the lock: disposing a registration waits for its
            // callback, which takes the lock.
            _cancellation.Dispose();
            _registered = cancellationToken;
            _cancellation = cancellationToken.UnsafeRegister(static state => ((OutgoingQueue)state!).WakeCancelled(), this);
        }

        lock (_gate)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (_length > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            _signal.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    /// <summary>
    /// Takes everything queued, in order. The batch stays valid until <see cref="Recycle"/>, the
    /// next call or <see cref="Release"/>, when its buffer goes back to the pool.
    /// </summary>
    public OutgoingBatch TakeBatch()
    {
        lock (_gate)
        {
            GiveBack(ref _sending);
            _sending = _filling;
            _filling = null;
            var batch = _sending is null ? default : new OutgoingBatch(_sending, _length);
            _lastBatchLength = _length;
            _length = 0;
            _bytes = 0;
            return batch;
        }
    }

    /// <summary>
    /// The last batch taken was sent: its buffer goes back to the pool at once, so an idle
    /// connection holds none (the batch must not be used afterwards).
    /// </summary>
    public void Recycle()
    {
        lock (_gate)
        {
            GiveBack(ref _sending);
        }
    }

    /// <summary>
    /// The sender is done: the queue takes no more packets and its buffers go back to the pool,
    /// the last batch's included (it must not be used afterwards).
    /// </summary>
    public void Release()
    {
        lock (_gate)
        {
            _completed = true;
            GiveBack(ref _sending);
            GiveBack(ref _filling);

            _length = 0;
            _bytes = 0;
        }
    }

    /// <summary>True once a stalled connection has drained enough to be resynced; clears the stall.</summary>
    public bool TryClearStall()
    {
        lock (_gate)
        {
            if (!Stalled || _bytes > _budgetBytes / 8)
            {
                return false;
            }

            Stalled = false;
            return true;
        }
    }

    /// <summary>Stops taking packets; the sender finishes what is queued.</summary>
    public void Complete()
    {
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            _signal.SetResult(true);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);

    private static void GiveBack(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            SendBufferPool.Return(buffer);
            buffer = null;
        }
    }

    private void WakeCancelled()
    {
        lock (_gate)
        {
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
        }

        _signal.SetException(new OperationCanceledException(_registered));
    }
}
