using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Ecs.Game.Social;

/// <summary>
/// Friends and ignores. A friend request to someone who already asked you makes you friends;
/// otherwise it waits for them to ask back. Lists hold 99 each; a friend cannot be ignored (nor an
/// ignored player befriended) without removing them first. Runs off the tick thread: it awaits the store.
/// </summary>
public sealed class SocialService(ISocialStore store)
{
    private readonly ISocialStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Asks <paramref name="name"/> to be a friend, or accepts their pending request.</summary>
    public async Task<SocialOutcome> AddFriendAsync(long characterId, string name, CancellationToken cancellationToken = default)
    {
        var target = await _store.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return SocialOutcome.UnknownPlayer;
        }

        if (target.Id == characterId)
        {
            return SocialOutcome.Self;
        }

        var mine = await _store.GetRelationsAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (Contains(mine.Friends, target.Id) || Contains(mine.OutgoingRequests, target.Id))
        {
            return SocialOutcome.AlreadyFriends;
        }

        if (Contains(mine.Ignored, target.Id))
        {
            return SocialOutcome.IsIgnored;
        }

        if (mine.Friends.Count >= SocialRules.MaxFriends)
        {
            return SocialOutcome.FriendListFull;
        }

        if (!Contains(mine.IncomingRequests, target.Id))
        {
            await _store.AddRequestAsync(characterId, target.Id, cancellationToken).ConfigureAwait(false);
            return SocialOutcome.RequestSent;
        }

        var theirs = await _store.GetRelationsAsync(target.Id, cancellationToken).ConfigureAwait(false);
        if (theirs.Friends.Count >= SocialRules.MaxFriends)
        {
            return SocialOutcome.TheirFriendListFull;
        }

        await _store.AddFriendshipAsync(characterId, target.Id, cancellationToken).ConfigureAwait(false);
        return SocialOutcome.FriendAdded;
    }

    /// <summary>Ends a friendship, or withdraws or declines a request.</summary>
    public async Task<SocialOutcome> RemoveFriendAsync(long characterId, string name, CancellationToken cancellationToken = default)
    {
        var target = await _store.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return SocialOutcome.UnknownPlayer;
        }

        var mine = await _store.GetRelationsAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (!Contains(mine.Friends, target.Id) && !Contains(mine.OutgoingRequests, target.Id) && !Contains(mine.IncomingRequests, target.Id))
        {
            return SocialOutcome.NotFriends;
        }

        await _store.RemoveFriendshipAsync(characterId, target.Id, cancellationToken).ConfigureAwait(false);
        return SocialOutcome.FriendRemoved;
    }

    /// <summary>Ignores a player: their private messages no longer reach you.</summary>
    public async Task<SocialOutcome> AddIgnoreAsync(long characterId, string name, CancellationToken cancellationToken = default)
    {
        var target = await _store.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return SocialOutcome.UnknownPlayer;
        }

        if (target.Id == characterId)
        {
            return SocialOutcome.Self;
        }

        var mine = await _store.GetRelationsAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (Contains(mine.Ignored, target.Id))
        {
            return SocialOutcome.AlreadyIgnored;
        }

        if (Contains(mine.Friends, target.Id))
        {
            return SocialOutcome.IsFriend;
        }

        if (mine.Ignored.Count >= SocialRules.MaxIgnores)
        {
            return SocialOutcome.IgnoreListFull;
        }

        await _store.AddIgnoreAsync(characterId, target.Id, cancellationToken).ConfigureAwait(false);
        return SocialOutcome.IgnoreAdded;
    }

    /// <summary>Stops ignoring a player.</summary>
    public async Task<SocialOutcome> RemoveIgnoreAsync(long characterId, string name, CancellationToken cancellationToken = default)
    {
        var target = await _store.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return SocialOutcome.UnknownPlayer;
        }

        var mine = await _store.GetRelationsAsync(characterId, cancellationToken).ConfigureAwait(false);
        if (!Contains(mine.Ignored, target.Id))
        {
            return SocialOutcome.NotIgnored;
        }

        await _store.RemoveIgnoreAsync(characterId, target.Id, cancellationToken).ConfigureAwait(false);
        return SocialOutcome.IgnoreRemoved;
    }

    private static bool Contains(IReadOnlyList<CharacterSummaryRecord> list, long id)
    {
        foreach (var entry in list)
        {
            if (entry.Id == id)
            {
                return true;
            }
        }

        return false;
    }
}
