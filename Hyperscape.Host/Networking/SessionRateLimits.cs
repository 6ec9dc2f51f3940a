using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Configuration;

namespace Hyperscape.Host.Networking;

/// <summary>
/// One connection's rate limits: a bucket for everything, a tighter one for chat and social
/// requests, and one per action kind, so a flood of one action cannot crowd out the others.
/// </summary>
public sealed class SessionRateLimits(SessionLimits limits)
{
    private readonly TokenBucket _all = new(limits.MessagesPerSecond, limits.MessageBurst);
    private readonly TokenBucket _chat = new(limits.ChatPerSecond, 5);
    private readonly TokenBucket[] _actions = Enumerable.Range(0, ActionKinds).Select(_ => new TokenBucket(10, 20)).ToArray();

    // Kinds this server does not know share one bucket: they pass to the game, which answers
    // UnknownAction, so a newer client learns why instead of being told it is rate limited.
    private readonly TokenBucket _unknownActions = new(10, 20);

    private static int ActionKinds { get; } = Enum.GetValues<ActionKind>().Max(k => (int)k) + 1;

    /// <summary>True when the message may be handled now.</summary>
    public bool Allow(in ClientMessage message)
    {
        if (!_all.TryTake())
        {
            return false;
        }

        return message.Type switch
        {
            MessageType.Chat or MessageType.Social => _chat.TryTake(),
            MessageType.Action => ((int)message.Action.Kind < _actions.Length ? _actions[(int)message.Action.Kind] : _unknownActions).TryTake(),
            _ => true,
        };
    }
}
