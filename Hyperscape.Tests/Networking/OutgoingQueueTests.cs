using System.Runtime.InteropServices;
using Hyperscape.Host.Networking;

namespace Hyperscape.Tests.Networking;

public sealed class OutgoingQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Packets_come_out_in_order_with_their_kind_in_one_batch()
    {
        var queue = new OutgoingQueue(1024);
        Assert.That(queue.TryEnqueue([1, 2, 3], text: false, droppable: true), Is.True);
        Assert.That(queue.TryEnqueue([4], text: true, droppable: false), Is.True);
        Assert.That(queue.QueuedBytes, Is.EqualTo(4));

        Assert.That(await queue.WaitAsync(CancellationToken.None), Is.True);
        var packets = Read(queue.TakeBatch());

        Assert.Multiple(() =>
        {
            Assert.That(packets.Select(p => p.Bytes), Is.EqualTo(new[] { new byte[] { 1, 2, 3 }, [4] }));
            Assert.That(packets.Select(p => p.Text), Is.EqualTo(new[] { false, true }));
            Assert.That(queue.QueuedBytes, Is.Zero);
            Assert.That(queue.TakeBatch().IsEmpty, Is.True, "taken once");
        });
    }

    [Test]
    public async Task A_waiting_sender_is_woken_by_the_next_packet()
    {
        var queue = new OutgoingQueue(1024);
        var waiting = queue.WaitAsync(CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False, "nothing queued yet");

        queue.TryEnqueue([9], text: false, droppable: false);
        queue.TryEnqueue([10], text: false, droppable: false);

        Assert.That(await waiting.AsTask().WaitAsync(Patience), Is.True);
        Assert.That(Read(queue.TakeBatch()).Select(p => p.Bytes[0]), Is.EqualTo(new byte[] { 9, 10 }), "both packets, in one batch");
    }

    [Test]
    public async Task Packets_queued_without_waking_wait_for_the_flush()
    {
        var queue = new OutgoingQueue(1024);
        var waiting = queue.WaitAsync(CancellationToken.None).AsTask();

        queue.TryEnqueue([1], text: false, droppable: true, wake: false);
        queue.TryEnqueue([2], text: false, droppable: true, wake: false);
        await Task.Delay(50);
        Assert.That(waiting.IsCompleted, Is.False, "a frame's packets do not wake the sender one by one");

        queue.Flush();

        Assert.That(await waiting.WaitAsync(Patience), Is.True);
        Assert.That(Read(queue.TakeBatch()).Select(p => p.Bytes[0]), Is.EqualTo(new byte[] { 1, 2 }));
    }

    [Test]
    public void A_taken_batch_keeps_its_packets_while_new_ones_queue()
    {
        var queue = new OutgoingQueue(1024);
        queue.TryEnqueue([1], text: false, droppable: false);
        var sending = queue.TakeBatch();

        queue.TryEnqueue([2, 2], text: false, droppable: false);

        Assert.That(Read(sending).Select(p => p.Bytes), Is.EqualTo(new[] { new byte[] { 1 } }));
        Assert.That(Read(queue.TakeBatch()).Select(p => p.Bytes), Is.EqualTo(new[] { new byte[] { 2, 2 } }));
    }

    [Test]
    public void Cancelling_wakes_a_waiting_sender()
    {
        var queue = new OutgoingQueue(1024);
        using var cancel = new CancellationTokenSource();
        var waiting = queue.WaitAsync(cancel.Token).AsTask();

        cancel.Cancel();

        Assert.That(async () => await waiting.WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Sync_past_half_the_budget_is_dropped_and_marks_the_queue_stalled()
    {
        var queue = new OutgoingQueue(200);
        Assert.That(queue.TryEnqueue(new byte[80], text: false, droppable: true), Is.True);

        Assert.That(queue.TryEnqueue(new byte[30], text: false, droppable: true), Is.False, "sync may fill half the budget, no more");
        Assert.That(queue.Stalled, Is.True);

        // Once stalled, even small sync packets wait for the resync instead of trickling in.
        Assert.That(queue.TryEnqueue(new byte[1], text: false, droppable: true), Is.False);
        Assert.That(queue.QueuedBytes, Is.EqualTo(80));
    }

    [Test]
    public void Events_use_the_rest_of_the_budget_and_never_pass_it()
    {
        var queue = new OutgoingQueue(200);
        Assert.That(queue.TryEnqueue(new byte[90], text: false, droppable: true), Is.True);
        Assert.That(queue.TryEnqueue(new byte[100], text: false, droppable: false), Is.True, "an event is never dropped for being over the sync share");

        Assert.That(queue.TryEnqueue(new byte[20], text: false, droppable: false), Is.False, "past the budget the connection is hopeless");
        Assert.That(queue.QueuedBytes, Is.EqualTo(190));
        Assert.That(queue.QueuedBytes, Is.LessThanOrEqualTo(200), "the budget holds");
    }

    [Test]
    public void A_stall_clears_only_after_the_queue_drains()
    {
        var queue = new OutgoingQueue(200);
        queue.TryEnqueue(new byte[60], text: false, droppable: true);
        queue.TryEnqueue(new byte[30], text: false, droppable: true);
        queue.TryEnqueue(new byte[30], text: false, droppable: true);
        Assert.That(queue.Stalled, Is.True);
        Assert.That(queue.TryClearStall(), Is.False, "still full");

        queue.TakeBatch();
        queue.TryEnqueue(new byte[30], text: false, droppable: false);
        Assert.That(queue.TryClearStall(), Is.False, "30 bytes waiting is more than an eighth of the budget");

        queue.TakeBatch();
        Assert.That(queue.TryClearStall(), Is.True);
        Assert.That(queue.Stalled, Is.False);
        Assert.That(queue.TryEnqueue(new byte[10], text: false, droppable: true), Is.True);
    }

    [Test]
    public async Task Completing_lets_the_sender_finish_what_is_queued_and_refuses_more()
    {
        var queue = new OutgoingQueue(100);
        queue.TryEnqueue([7], text: false, droppable: false);
        queue.Complete();

        Assert.That(queue.TryEnqueue([8], text: false, droppable: false), Is.False);
        Assert.That(await queue.WaitAsync(CancellationToken.None), Is.True);
        Assert.That(Read(queue.TakeBatch()).Single().Bytes, Is.EqualTo(new byte[] { 7 }));
        Assert.That(await queue.WaitAsync(CancellationToken.None).AsTask().WaitAsync(Patience), Is.False);
    }

    [Test]
    public async Task Completing_wakes_a_waiting_sender_to_finish()
    {
        var queue = new OutgoingQueue(100);
        var waiting = queue.WaitAsync(CancellationToken.None).AsTask();

        queue.Complete();

        Assert.That(await waiting.WaitAsync(Patience), Is.True);
        Assert.That(queue.TakeBatch().IsEmpty, Is.True);
        Assert.That(await queue.WaitAsync(CancellationToken.None), Is.False);
    }

    [Test]
    public void Packets_past_the_first_buffer_come_out_whole_and_in_order()
    {
        var queue = new OutgoingQueue(64 * 1024);
        var sent = Enumerable.Range(1, 12).Select(i => Enumerable.Repeat((byte)i, 700 * i).ToArray()).ToArray();
        foreach (var packet in sent)
        {
            Assert.That(queue.TryEnqueue(packet, text: false, droppable: false), Is.True);
        }

        Assert.That(Read(queue.TakeBatch()).Select(p => p.Bytes), Is.EqualTo(sent), "grown buffers keep what was queued before");
    }

    [Test]
    public void A_sent_batch_gives_its_buffer_back_for_the_next_connection()
    {
        // 3,000 bytes: a size of buffer nothing else in the test run asks for at the same moment.
        var first = new OutgoingQueue(8192);
        first.TryEnqueue(new byte[3000], text: false, droppable: false);
        var used = BufferOf(first.TakeBatch());
        first.Recycle();

        var second = new OutgoingQueue(8192);
        second.TryEnqueue(new byte[3000], text: false, droppable: false);

        Assert.That(BufferOf(second.TakeBatch()), Is.SameAs(used), "buffers circulate instead of each queue growing its own");
    }

    [Test]
    public void A_released_queue_takes_nothing_more()
    {
        var queue = new OutgoingQueue(1024);
        queue.TryEnqueue([1], text: false, droppable: false);
        queue.Release();

        Assert.That(queue.TryEnqueue([2], text: false, droppable: false), Is.False);
        Assert.That(queue.TakeBatch().IsEmpty, Is.True, "what was queued went back with the buffers");
    }

    private static byte[] BufferOf(OutgoingBatch batch)
    {
        foreach (var packet in batch)
        {
            Assert.That(MemoryMarshal.TryGetArray(packet.Payload, out var segment), Is.True);
            return segment.Array!;
        }

        throw new AssertionException("The batch is empty.");
    }

    private static List<(byte[] Bytes, bool Text)> Read(OutgoingBatch batch)
    {
        var packets = new List<(byte[] Bytes, bool Text)>();
        foreach (var packet in batch)
        {
            packets.Add((packet.Payload.ToArray(), packet.Text));
        }

        return packets;
    }
}
