namespace Hyperscape.Ecs.Threading;

/// <summary>
/// A parallel for-loop over dedicated helper threads, allocation-free after first use: the caller
/// works too, helpers join as they wake, and ranges are handed out by one atomic counter, so an
/// uneven range costs nothing but its own time. Helpers are background threads created on demand
/// (one fewer than the widest loop run so far) and blocked when idle.
/// </summary>
/// <remarks>
/// One loop at a time uses the helpers. A loop started while another runs (another world's, or a
/// nested one from inside a body) runs on its calling thread alone, so loops never wait on each
/// other and cannot deadlock. A helper that has not woken by the time the work is done is taken
/// back, so a busy machine costs no waiting for threads that never got a core.
/// </remarks>
internal static class ParallelLoop
{
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly Lock StartGate = new();
    private static IParallelJob? _job;
    private static int _busy;
    private static int _active;
    private static int _joined;
    private static int _helpers;

    /// <summary>Runs <paramref name="body"/> over items <c>0 .. count-1</c> on up to <paramref name="parallelism"/> threads.</summary>
    /// <param name="body">The work; its instance is shared by every participating thread.</param>
    /// <param name="count">Items to process.</param>
    /// <param name="grain">Items taken at a time (more means less contention, less balance).</param>
    /// <param name="parallelism">Threads at most, the caller included; 1 runs inline.</param>
    public static void Run<TBody>(in TBody body, int count, int grain, int parallelism)
        where TBody : struct, IParallelBody
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grain, 1);
        if (count <= 0)
        {
            return;
        }

        var helpers = Math.Min(parallelism, (count + grain - 1) / grain) - 1;
        if (helpers <= 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            body.Execute(0, count, 0);
            return;
        }

        try
        {
            EnsureHelpers(helpers);
            var job = ParallelJob<TBody>.Shared;
            job.Begin(body, count, grain);
            Volatile.Write(ref _job, job);
            Volatile.Write(ref _joined, 0);
            Volatile.Write(ref _active, helpers);
            Wake.Release(helpers);
            job.Participate(0);

            // Take back wake-ups no helper has claimed yet; wait only for helpers already running.
            while (Volatile.Read(ref _active) > 0 && Wake.Wait(0))
            {
                Interlocked.Decrement(ref _active);
            }

            var spin = default(SpinWait);
            while (Volatile.Read(ref _active) > 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            Volatile.Write(ref _job, null);
            job.End();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void EnsureHelpers(int wanted)
    {
        if (Volatile.Read(ref _helpers) >= wanted)
        {
            return;
        }

        lock (StartGate)
        {
            while (_helpers < wanted)
            {
                var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"Hyperscape worker {_helpers + 1}" };
                thread.Start();
                _helpers++;
            }
        }
    }

    private static void HelperLoop()
    {
        while (true)
        {
            Wake.Wait();
            var worker = Interlocked.Increment(ref _joined);
            Volatile.Read(ref _job)!.Participate(worker);
            Interlocked.Decrement(ref _active);
        }
    }
}
