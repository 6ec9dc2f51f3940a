using Hyperscape.Ecs.Threading;

namespace Hyperscape.Tests.Threading;

public class ParallelLoopTests
{
    [TestCase(1, 1, 1)]
    [TestCase(10_000, 1, 2)]
    [TestCase(10_000, 7, 4)]
    [TestCase(3, 100, 8)]
    [TestCase(100_000, 64, 16)]
    public void Every_item_runs_exactly_once_on_workers_below_the_parallelism(int count, int grain, int parallelism)
    {
        var hits = new int[count];
        var workers = new int[parallelism];
        ParallelLoop.Run(new CountHits(hits, workers), count, grain, parallelism);

        Assert.That(hits.All(h => h == 1), Is.True);
        Assert.That(workers.Sum(), Is.EqualTo((count + grain - 1) / grain), "every range was taken by a worker index below the parallelism");
    }

    [Test]
    public void A_worker_index_is_never_used_by_two_threads_at_once()
    {
        var owners = new int[4];
        var clashes = new int[1];
        ParallelLoop.Run(new ClaimWorker(owners, clashes), 20_000, 1, 4);
        Assert.That(clashes[0], Is.Zero);
    }

    [Test]
    public void Loops_started_from_several_threads_at_once_all_complete()
    {
        var arrays = Enumerable.Range(0, 8).Select(_ => new int[50_000]).ToArray();
        Parallel.ForEach(arrays, new ParallelOptions { MaxDegreeOfParallelism = 4 }, hits =>
        {
            for (var round = 0; round < 20; round++)
            {
                ParallelLoop.Run(new CountHits(hits, new int[2]), hits.Length, 100, 2);
            }
        });

        Assert.That(arrays.All(a => a.All(h => h == 20)), Is.True);
    }

    [Test]
    public void A_nested_loop_runs_inline_and_completes()
    {
        var inner = new int[1_000];
        ParallelLoop.Run(new Nested(inner), 4, 1, 2);
        Assert.That(inner.All(h => h == 4), Is.True);
    }

    [Test]
    public void The_first_failure_is_rethrown_on_the_caller_and_the_helpers_stay_usable()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ParallelLoop.Run(new FailOn(500), 1_000, 1, 2));
        Assert.That(ex!.Message, Is.EqualTo("item 500"));

        var hits = new int[1_000];
        ParallelLoop.Run(new CountHits(hits, new int[2]), hits.Length, 1, 2);
        Assert.That(hits.All(h => h == 1), Is.True);
    }

    private readonly struct CountHits(int[] hits, int[] workers) : IParallelBody
    {
        public void Execute(int start, int end, int worker)
        {
            Interlocked.Increment(ref workers[worker]);
            for (var i = start; i < end; i++)
            {
                Interlocked.Increment(ref hits[i]);
            }
        }
    }

    private readonly struct ClaimWorker(int[] owners, int[] clashes) : IParallelBody
    {
        public void Execute(int start, int end, int worker)
        {
            var me = Environment.CurrentManagedThreadId;
            var previous = Interlocked.Exchange(ref owners[worker], me);
            if (previous != 0 && previous != me)
            {
                Interlocked.Increment(ref clashes[0]);
            }

            Thread.SpinWait(200);
            Interlocked.CompareExchange(ref owners[worker], 0, me);
        }
    }

    private readonly struct Nested(int[] inner) : IParallelBody
    {
        public void Execute(int start, int end, int worker) =>
            ParallelLoop.Run(new CountHits(inner, new int[2]), inner.Length, 10, 2);
    }

    private readonly struct FailOn(int item) : IParallelBody
    {
        public void Execute(int start, int end, int worker)
        {
            if (start <= item && item < end)
            {
                throw new InvalidOperationException($"item {item}");
            }
        }
    }
}
