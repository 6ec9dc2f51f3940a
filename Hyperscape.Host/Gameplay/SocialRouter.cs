using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// Friends' news: confirmations of a player's own list changes (with the other character's online
/// state, shared between friends only), friend requests and new friendships told to the other
/// side, and friends told when someone comes online or leaves. Game-loop thread only.
/// </summary>
internal sealed class SocialRouter(PresenceDirectory presence, Action<PlayerPresence, bool, string>? requestElsewhere = null, Action<PlayerPresence, bool>? announceElsewhere = null)
{
    private readonly FixedBufferWriter _buffer = new(256);

    /// <summary>A list of <paramref name="player"/>'s changed; <paramref name="theirs"/> is the other character's lists when the friendship began or ended.</summary>
    public void Changed(PlayerPresence player, SocialOperation operation, SocialOutcome outcome, string name, SocialRelations relations, SocialRelations? theirs)
    {
        player.Relations = relations;
        presence.TryGetByName(name, out var target);
        if (target is not null && theirs is not null)
        {
            target.Relations = theirs;
        }

        // A pending request shows offline: online state is for friends.
        var friends = relations.Friends.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        Tell(player.Link, operation, name, friends && target?.Link is not null);
        if (target is null && outcome is SocialOutcome.RequestSent or SocialOutcome.FriendAdded)
        {
            // Zone mode: the other character may be online in another zone.
            requestElsewhere?.Invoke(player, outcome == SocialOutcome.FriendAdded, name);
            return;
        }

        if (target?.Link is null || !SocialRules.CanDeliverPrivate(target.Relations, player.CharacterId))
        {
            return;
        }

        switch (outcome)
        {
            case SocialOutcome.RequestSent:
                Tell(target.Link, SocialOperation.FriendRequest, player.Name, online: true);
                break;
            case SocialOutcome.FriendAdded:
                Tell(target.Link, SocialOperation.FriendStatus, player.Name, online: true);
                break;
        }
    }

    /// <summary>Tells <paramref name="subject"/>'s online friends that it came online (and it, which of them are) or left.</summary>
    public void AnnounceStatus(PlayerPresence subject, bool online)
    {
        foreach (var friend in subject.Relations.Friends)
        {
            if (presence.TryGetByCharacter(friend.Id, out var other) && other.Link is { } link)
            {
                Tell(link, SocialOperation.FriendStatus, subject.Name, online);
                if (online)
                {
                    Tell(subject.Link, SocialOperation.FriendStatus, other.Name, online: true);
                }
            }
        }

        announceElsewhere?.Invoke(subject, online);
    }

    /// <summary>Sends one social update to a connection (none when it is null).</summary>
    public void Tell(IClientLink? link, SocialOperation operation, string name, bool online)
    {
        if (link is null)
        {
            return;
        }

        _buffer.Reset();
        ServerMessages.Social(_buffer, operation, name, online);
        link.Send(_buffer.WrittenSpan, PacketDelivery.Reliable);
    }
}
