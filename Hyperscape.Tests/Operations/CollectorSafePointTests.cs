using Hyperscape.Host.Hosting;

namespace Hyperscape.Tests.Operations;

public sealed class CollectorSafePointTests
{
    [Test]
    public void Is_available_on_Linux_and_says_why_not_elsewhere()
    {
        var unavailable = CollectorSafePoint.Unavailable();
        if (OperatingSystem.IsLinux())
        {
            Assert.That(unavailable, Is.Null, "the C library's abs is there on every Linux the server runs on");
        }
        else
        {
            Assert.That(unavailable, Is.EqualTo("thread priorities are raised on Linux only"));
        }
    }

    [Test]
    public void A_thread_offering_safe_points_lets_collections_run_and_keeps_running()
    {
        if (CollectorSafePoint.Unavailable() is { } reason)
        {
            Assert.Ignore(reason);
        }

        long offers = 0;
        using var stop = new ManualResetEventSlim();
        var offering = new Thread(() =>
        {
            while (!stop.IsSet)
            {
                CollectorSafePoint.Offer();
                Interlocked.Increment(ref offers);
            }
        });
        offering.Start();
        SpinWait.SpinUntil(() => Interlocked.Read(ref offers) > 0);
        var before = GC.CollectionCount(0);
        for (var i = 0; i < 20; i++)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }

        var offersAfterCollections = Interlocked.Read(ref offers);
        SpinWait.SpinUntil(() => Interlocked.Read(ref offers) > offersAfterCollections, TimeSpan.FromSeconds(10));
        stop.Set();
        offering.Join();
        Assert.Multiple(() =>
        {
            Assert.That(GC.CollectionCount(0) - before, Is.GreaterThanOrEqualTo(20));
            Assert.That(Interlocked.Read(ref offers), Is.GreaterThan(offersAfterCollections), "the thread went on after the collections");
        });
    }
}
