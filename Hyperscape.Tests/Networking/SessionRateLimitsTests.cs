using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Networking;
using Microsoft.Extensions.Time.Testing;

namespace Hyperscape.Tests.Networking;

public sealed class SessionRateLimitsTests
{
    private static readonly ClientMessage Chat = new(MessageType.Chat, Text: "hi");
    private static readonly ClientMessage Ping = new(MessageType.Ping);

    private static ClientMessage Action(ActionKind kind) => new(MessageType.Action, new PlayerAction(0, kind));

    [Test]
    public void Chat_has_a_burst_of_five_then_refills_at_its_rate()
    {
        var clock = new FakeTimeProvider();
        var limits = new SessionRateLimits(new SessionLimits { ChatPerSecond = 2 }, clock);

        var allowed = Enumerable.Range(0, 8).Count(_ => limits.Allow(Chat));
        Assert.That(allowed, Is.EqualTo(5));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Enumerable.Range(0, 5).Count(_ => limits.Allow(Chat)), Is.EqualTo(2));
    }

    [Test]
    public void A_flood_of_one_action_kind_leaves_the_others_their_own_bucket()
    {
        var clock = new FakeTimeProvider();
        var limits = new SessionRateLimits(new SessionLimits { MessagesPerSecond = 1000, MessageBurst = 1000 }, clock);

        Assert.That(Enumerable.Range(0, 30).Count(_ => limits.Allow(Action(ActionKind.Move))), Is.EqualTo(20));
        Assert.That(limits.Allow(Action(ActionKind.Attack)), Is.True);
        Assert.That(limits.Allow(Ping), Is.True);
    }

    [Test]
    public void Unknown_action_kinds_share_one_bucket()
    {
        var clock = new FakeTimeProvider();
        var limits = new SessionRateLimits(new SessionLimits { MessagesPerSecond = 1000, MessageBurst = 1000 }, clock);

        Assert.That(Enumerable.Range(0, 10).Count(_ => limits.Allow(Action((ActionKind)250))), Is.EqualTo(10));
        Assert.That(Enumerable.Range(0, 20).Count(_ => limits.Allow(Action((ActionKind)251))), Is.EqualTo(10));
        Assert.That(limits.Allow(Action(ActionKind.Move)), Is.True);
    }

    [Test]
    public void The_bucket_for_everything_refuses_first_and_refills_with_time()
    {
        var clock = new FakeTimeProvider();
        var limits = new SessionRateLimits(new SessionLimits { MessagesPerSecond = 10, MessageBurst = 3 }, clock);

        Assert.That(Enumerable.Range(0, 5).Count(_ => limits.Allow(Ping)), Is.EqualTo(3));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(limits.Allow(Ping), Is.True);
        Assert.That(limits.Allow(Ping), Is.False);
    }
}
