using Hyperscape.Host.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Hyperscape.Tests.Operations;

public class BackgroundCollectorKeepAliveTests
{
    private long _lastBackground;
    private int _requested;

    [SetUp]
    public void ResetRuntime()
    {
        _lastBackground = 7;
        _requested = 0;
    }

    private BackgroundCollectorKeepAlive Create(FakeTimeProvider clock, int seconds = 15) =>
        new(TimeSpan.FromSeconds(seconds), clock, () => _lastBackground, () => _requested++);

    [Test]
    public void Asks_only_once_the_interval_has_passed_without_a_background_collection()
    {
        var clock = new FakeTimeProvider();
        var keepAlive = Create(clock);

        for (var second = 1; second < 15; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.That(keepAlive.Poll(), Is.False, $"at {second} s");
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var asked = keepAlive.Poll();
        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.True, "at 15 s");
            Assert.That(_requested, Is.EqualTo(1));
            Assert.That(keepAlive.Requests, Is.EqualTo(1));
        });

        // The interval counts again from the request.
        clock.Advance(TimeSpan.FromSeconds(14));
        Assert.That(keepAlive.Poll(), Is.False);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(keepAlive.Poll(), Is.True);
        Assert.That(_requested, Is.EqualTo(2));
    }

    [Test]
    public void A_background_collection_of_the_runtime_own_restarts_the_interval()
    {
        var clock = new FakeTimeProvider();
        var keepAlive = Create(clock);

        clock.Advance(TimeSpan.FromSeconds(10));
        _lastBackground = 8;
        Assert.That(keepAlive.Poll(), Is.False, "the runtime collected at 10 s");

        clock.Advance(TimeSpan.FromSeconds(14));
        Assert.That(keepAlive.Poll(), Is.False, "14 s after it");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(keepAlive.Poll(), Is.True, "15 s after it");
        Assert.That(_requested, Is.EqualTo(1));
    }

    [Test]
    public void The_runtime_is_read_at_most_once_a_second()
    {
        var clock = new FakeTimeProvider();
        var reads = 0;
        var keepAlive = new BackgroundCollectorKeepAlive(TimeSpan.FromSeconds(15), clock, () => { reads++; return 1; }, () => { });
        var constructed = reads;

        for (var frame = 0; frame < 40; frame++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            keepAlive.Poll();
        }

        Assert.That(reads - constructed, Is.EqualTo(2), "40 frames of 50 ms are two seconds");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(19)]
    [TestCase(20)]
    public void An_interval_the_runtime_would_outlast_is_refused(int seconds) =>
        Assert.That(() => Create(new FakeTimeProvider(), seconds), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
