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
}
