using Hyperscape.Host.Operations;

namespace Hyperscape.Tests.Operations;

public class GcPauseSamplerTests
{
    [Test]
    public void Each_collection_read_is_measured_as_the_runtime_counts_its_pause()
    {
        var sampler = new GcPauseSampler();
        var pausedBefore = GC.GetTotalPauseDuration();
        const int collections = 6;
        for (var i = 0; i < collections; i++)
        {
            GC.Collect(i % 2 == 0 ? 0 : 2, GCCollectionMode.Forced, blocking: true);
            sampler.Sample();
        }

        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var measured = sampler.Pauses.Window(null);
        Assert.That(measured, Has.Length.GreaterThanOrEqualTo(collections), "a pause per collection, gen0 and full alike");
        Assert.That(measured, Has.All.GreaterThan(0));
        Assert.That(measured.Sum(), Is.EqualTo(paused).Within(0.5 + (0.25 * paused)), "the pauses add up to the runtime's own total");
        Assert.That(sampler.Pauses.Window(TimeSpan.FromSeconds(30)), Has.Length.EqualTo(measured.Length), "stamped when read, just now");
    }

    [Test]
    public void Each_pause_is_also_filed_under_its_kind_of_collection()
    {
        var sampler = new GcPauseSampler();
        foreach (var generation in new[] { 0, 1, 2, 0 })
        {
            GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
            sampler.Sample();
        }

        Assert.That(sampler.Gen0Pauses.Count, Is.GreaterThanOrEqualTo(2), "two gen0 collections (other tests' collections may add to it)");
        Assert.That(sampler.Gen1Pauses.Count, Is.GreaterThanOrEqualTo(1));
        Assert.That(sampler.FullPauses.Count, Is.GreaterThanOrEqualTo(1));
        Assert.That(sampler.Gen0Pauses.Count + sampler.Gen1Pauses.Count + sampler.FullPauses.Count, Is.EqualTo(sampler.Pauses.Count), "every pause in exactly one kind");
    }

    [Test]
    public void Collections_of_one_kind_between_reads_count_as_unmeasured()
    {
        var sampler = new GcPauseSampler();
        sampler.Sample();
        var unmeasuredBefore = sampler.Unmeasured;
        var countedBefore = sampler.Pauses.Count;
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }

        sampler.Sample();

        Assert.That(sampler.Pauses.Count - countedBefore, Is.EqualTo(1), "only the latest gen0 is still on record");
        Assert.That(sampler.Unmeasured - unmeasuredBefore, Is.GreaterThanOrEqualTo(2), "the two before it were missed, and said so");
    }

    [Test]
    public void Collections_before_the_sampler_started_are_not_counted()
    {
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var sampler = new GcPauseSampler();
        sampler.Sample();

        Assert.That(sampler.Pauses.Count, Is.Zero);
        Assert.That(sampler.Unmeasured, Is.Zero);
    }
}
