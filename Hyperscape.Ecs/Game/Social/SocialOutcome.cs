namespace Hyperscape.Ecs.Game.Social;

/// <summary>What a friend or ignore operation did, or why it did nothing.</summary>
public enum SocialOutcome : byte
{
    /// <summary>A friend request was recorded; the other side has to ask back.</summary>
    RequestSent = 1,

    /// <summary>The two are now friends (they had asked first: mutual requests accept).</summary>
    FriendAdded = 2,

    /// <summary>The friendship (or request) was removed.</summary>
    FriendRemoved = 3,

    /// <summary>The player is now ignored.</summary>
    IgnoreAdded = 4,

    /// <summary>The player is no longer ignored.</summary>
    IgnoreRemoved = 5,

    /// <summary>No character has that name.</summary>
    UnknownPlayer = 6,

    /// <summary>That is you.</summary>
    Self = 7,

    /// <summary>Already friends (or the request is already pending).</summary>
    AlreadyFriends = 8,

    /// <summary>Your friend list holds <see cref="SocialRules.MaxFriends"/>.</summary>
    FriendListFull = 9,

    /// <summary>Their friend list is full, so the friendship cannot form.</summary>
    TheirFriendListFull = 10,

    /// <summary>Not a friend, nor a pending request.</summary>
    NotFriends = 11,

    /// <summary>Already ignored.</summary>
    AlreadyIgnored = 12,

    /// <summary>Your ignore list holds <see cref="SocialRules.MaxIgnores"/>.</summary>
    IgnoreListFull = 13,

    /// <summary>Not on your ignore list.</summary>
    NotIgnored = 14,

    /// <summary>Remove the friend before ignoring them.</summary>
    IsFriend = 15,

    /// <summary>Remove the ignore before befriending them.</summary>
    IsIgnored = 16,
}
