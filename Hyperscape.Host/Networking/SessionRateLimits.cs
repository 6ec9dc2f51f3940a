using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Configuration;

namespace Hyperscape.Host.Networking;

/// <summary>
/// One connection's rate limits: a bucket for everything, a tighter one for chat and social
/// requests, and one per action kind, so a flood of one action cannot crowd out the others.
/// </summary>
public sealed class SessionRateLimits
{
    private const int All = 0;
    private const int ChatAndSocial = 1;

    // Kinds this server does not know share one bucket: they pass to the game, which answers
    // UnknownAction, so a newer client learns why instead of being told it is rate limited.
    private const int UnknownActions = 2;
    private const int FirstAction = 3;

    private static readonly int ActionKinds = Enum.GetValues<ActionKind>().Max(k => (int)k) + 1;

    private readonly TimeProvider _clock;

    // Every bucket of the connection in one array of structs: one object to the collector.
    private readonly TokenBucket[] _buckets;

    /// <summary>Full buckets for a new connection.</summary>
    /// <param name="limits">The configured limits.</param>
    /// <param name="clock">The clock (the system's when null).</param>
    public SessionRateLimits(SessionLimits limits, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _clock = clock ?? TimeProvider.System;
        var now = _clock.GetTimestamp();
        _buckets = new TokenBucket[FirstAction + ActionKinds];
        _buckets[All] = new TokenBucket(limits.MessagesPerSecond, limits.MessageBurst, now);
        _buckets[ChatAndSocial] = new TokenBucket(limits.ChatPerSecond, 5, now);
        for (var i = UnknownActions; i < _buckets.Length; i++)
        {
            _buckets[i] = new TokenBucket(10, 20, now);
        }
    }

    /// <summary>True when the message may be handled now.</summary>
    public bool Allow(in ClientMessage message)
    {
        var now = _clock.GetTimestamp();
        if (!_buckets[All].TryTake(now, _clock))
        {
            return false;
        }

        return message.Type switch
        {
            MessageType.Chat or MessageType.Social => _buckets[ChatAndSocial].TryTake(now, _clock),
            MessageType.Action => _buckets[BucketOf(message.Action.Kind)].TryTake(now, _clock),
            _ => true,
        };
    }

    private static int BucketOf(ActionKind kind) => (uint)kind < (uint)ActionKinds ? FirstAction + (int)kind : UnknownActions;
}
