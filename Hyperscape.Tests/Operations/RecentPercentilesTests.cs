using System.Diagnostics;
using Hyperscape.Host.Operations;

namespace Hyperscape.Tests.Operations;

public class RecentPercentilesTests
{
    [Test]
    public void Percentiles_are_nearest_rank_over_the_samples_held()
    {
        var samples = new RecentPercentiles(100);
        for (var i = 1; i <= 150; i++)
        {
            samples.Add(i);
        }

        Assert.That(samples.Count, Is.EqualTo(100), "the oldest 50 were replaced");
        Assert.That(samples.Percentile(50), Is.EqualTo(100));
        Assert.That(samples.Percentile(99), Is.EqualTo(149));
        Assert.That(samples.Percentile(100), Is.EqualTo(150));
    }

    [Test]
    public void A_window_keeps_only_recent_samples()
    {
        var samples = new RecentPercentiles(16);
        samples.Add(1_000);
        Thread.Sleep(300);
        samples.Add(1);
        samples.Add(2);

        Assert.That(samples.Window(TimeSpan.FromMilliseconds(150)), Is.EqualTo(new double[] { 1, 2 }));
        Assert.That(samples.Percentile(99, TimeSpan.FromMilliseconds(150)), Is.EqualTo(2), "the old outlier is outside the window");
        Assert.That(samples.Percentile(99, window: null), Is.EqualTo(1_000));
        Assert.That(new RecentPercentiles(4).Percentile(99, TimeSpan.FromSeconds(1)), Is.Zero, "no samples, no percentile");
    }

    [Test]
    public void A_sample_reported_late_counts_by_when_it_was_taken()
    {
        var samples = new RecentPercentiles(16);
        samples.Add(500, Stopwatch.GetTimestamp() - Stopwatch.Frequency);
        samples.Add(3);

        Assert.That(samples.Window(TimeSpan.FromMilliseconds(500)), Is.EqualTo(new double[] { 3 }), "taken a second ago, added just now");
        Assert.That(samples.Window(TimeSpan.FromSeconds(5)), Is.EqualTo(new double[] { 500, 3 }));
    }

    [Test]
    public void The_gc_pause_listener_measures_collections_as_the_runtime_counts_their_pauses()
    {
        using var listener = new GcPauseListener();
        WaitFor(() => listener.Pauses.Count > 0, listener);

        var pausedBefore = GC.GetTotalPauseDuration();
        var heardBefore = listener.Pauses.Window(null).Sum();
        var countedBefore = listener.Pauses.Count;
        var collectionsBefore = GC.CollectionCount(0);
        const int collections = 8;
        for (var i = 0; i < collections; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }

        var collected = GC.CollectionCount(0) - collectionsBefore;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        WaitFor(() => listener.Pauses.Count - countedBefore >= collected, listener);
        var heard = listener.Pauses.Window(null).Sum() - heardBefore;

        Assert.That(listener.Pauses.Count - countedBefore, Is.GreaterThanOrEqualTo(collected), "a pause per collection");
        Assert.That(listener.Pauses.Window(TimeSpan.FromSeconds(30)), Has.Length.GreaterThanOrEqualTo(collected), "stamped with the events' own time, which is within the last seconds");
        Assert.That(heard, Is.EqualTo(paused).Within(0.5 + (0.25 * paused)), "the pauses add up to the runtime's own total");
        Assert.That(listener.Resumptions.Count, Is.GreaterThanOrEqualTo(collected), "each restart is measured apart");
        Assert.That(listener.Suspensions.Percentile(100), Is.LessThanOrEqualTo(listener.Pauses.Percentile(100)), "stopping threads is part of a pause");
    }

    private static void WaitFor(Func<bool> condition, GcPauseListener listener)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            if (listener.Pauses.Count == 0)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            }

            Thread.Sleep(50);
        }
    }
}
