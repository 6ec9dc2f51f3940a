using Hyperscape.Host.Operations;

namespace Hyperscape.Tests.Operations;

public class IdleYoungCollectionTests
{
    private static readonly TimeSpan MinimumIdle = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(30);

    private int _runtimeCollections;
    private long _allocated;
    private int _collected;

    [SetUp]
    public void ResetRuntime()
    {
        _runtimeCollections = 40;
        _allocated = 1_000_000;
        _collected = 0;
    }

    private IdleYoungCollection Create(long bytes = 1000) =>
        new(bytes, MinimumIdle, () => _runtimeCollections, () => _allocated, () =>
        {
            _collected++;
            _runtimeCollections++;
        });

    [Test]
    public void Collects_once_the_allocation_since_the_last_collection_reaches_the_threshold()
    {
        var collection = Create();

        _allocated += 999;
        Assert.That(collection.Poll(Idle), Is.False, "1 byte short");
        _allocated += 1;
        var collected = collection.Poll(Idle);

        Assert.Multiple(() =>
        {
            Assert.That(collected, Is.True);
            Assert.That(_collected, Is.EqualTo(1));
            Assert.That(collection.Collections, Is.EqualTo(1));
        });

        // Its own collection restarts the count, and is not taken for one of the runtime's.
        _allocated += 999;
        Assert.That(collection.Poll(Idle), Is.False);
        _allocated += 1;
        Assert.That(collection.Poll(Idle), Is.True);
        Assert.That(_collected, Is.EqualTo(2));
    }

    [Test]
    public void Waits_for_a_poll_with_enough_time_left_before_the_next_frame()
    {
        var collection = Create();
        _allocated += 5000;

        Assert.That(collection.Poll(MinimumIdle - TimeSpan.FromTicks(1)), Is.False);
        Assert.That(collection.Poll(TimeSpan.Zero), Is.False, "a late frame");
        Assert.That(_collected, Is.Zero);

        Assert.That(collection.Poll(MinimumIdle), Is.True);
        Assert.That(_collected, Is.EqualTo(1));
    }

    [Test]
    public void A_collection_the_runtime_started_restarts_the_count()
    {
        var collection = Create();

        _allocated += 900;
        _runtimeCollections++;
        Assert.That(collection.Poll(Idle), Is.False, "the runtime collected");

        _allocated += 900;
        Assert.That(collection.Poll(Idle), Is.False, "900 bytes since the runtime's collection");
        _allocated += 100;
        Assert.That(collection.Poll(Idle), Is.True);
        Assert.That(_collected, Is.EqualTo(1));
    }

    [Test]
    public void Counts_from_its_creation()
    {
        _allocated += 50_000;
        var collection = Create();

        Assert.That(collection.Poll(Idle), Is.False);
        Assert.That(_collected, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Rejects_a_threshold_that_is_not_positive(long bytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new IdleYoungCollection(bytes, MinimumIdle));
    }

    [Test]
    public void Rejects_a_negative_idle_time()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new IdleYoungCollection(1000, TimeSpan.FromTicks(-1)));
    }

    [Test]
    public void With_the_runtime_it_runs_a_young_collection_after_the_allocation()
    {
        var collection = new IdleYoungCollection(64 * 1024, MinimumIdle);
        var before = GC.CollectionCount(0);
        var kept = new List<byte[]>();
        var collected = false;

        // The runtime may collect on its own meanwhile, which restarts the count: allocate until the
        // poll collects, within a bound far above the threshold.
        for (var i = 0; i < 4096 && !collected; i++)
        {
            kept.Add(new byte[1024]);
            collected = collection.Poll(Idle);
        }

        Assert.Multiple(() =>
        {
            Assert.That(collected, Is.True);
            Assert.That(collection.Collections, Is.EqualTo(1));
            Assert.That(GC.CollectionCount(0), Is.GreaterThan(before));
        });
        GC.KeepAlive(kept);
    }
}
