using Hyperscape.Host.Networking;

namespace Hyperscape.Tests.Networking;

public sealed class OutgoingQueueTests
{
    [Test]
    public async Task Packets_come_out_in_order_with_their_kind()
    {
        var queue = new OutgoingQueue(1024);
        Assert.That(queue.TryEnqueue([1, 2, 3], text: false, droppable: true), Is.True);
        Assert.That(queue.TryEnqueue([4], text: true, droppable: false), Is.True);
        Assert.That(queue.QueuedBytes, Is.EqualTo(4));

        var first = await queue.DequeueAsync(CancellationToken.None);
        var second = await queue.DequeueAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first!.Value.Buffer.AsSpan(0, first.Value.Length).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(first.Value.Text, Is.False);
            Assert.That(second!.Value.Text, Is.True);
            Assert.That(queue.QueuedBytes, Is.Zero);
        });
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
    public async Task A_stall_clears_only_after_the_queue_drains()
    {
        var queue = new OutgoingQueue(200);
        queue.TryEnqueue(new byte[60], text: false, droppable: true);
        queue.TryEnqueue(new byte[30], text: false, droppable: true);
        queue.TryEnqueue(new byte[30], text: false, droppable: true);
        Assert.That(queue.Stalled, Is.True);
        Assert.That(queue.TryClearStall(), Is.False, "still full");

        OutgoingQueue.Return((await queue.DequeueAsync(CancellationToken.None))!.Value);

        Assert.That(queue.TryClearStall(), Is.False, "30 bytes left is more than an eighth of the budget");
        OutgoingQueue.Return((await queue.DequeueAsync(CancellationToken.None))!.Value);
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
        var last = await queue.DequeueAsync(CancellationToken.None);
        Assert.That(last!.Value.Buffer[0], Is.EqualTo(7));
        Assert.That(await queue.DequeueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)), Is.Null);
    }
}
