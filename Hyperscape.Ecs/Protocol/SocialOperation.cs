namespace Hyperscape.Ecs.Protocol;

/// <summary>Friend and ignore list operations, asked by a client or reported by the server.</summary>
public enum SocialOperation : byte
{
    /// <summary>Send (or accept) a friend request.</summary>
    AddFriend = 1,

    /// <summary>End a friendship.</summary>
    RemoveFriend = 2,

    /// <summary>Ignore a player.</summary>
    AddIgnore = 3,

    /// <summary>Stop ignoring a player.</summary>
    RemoveIgnore = 4,

    /// <summary>Server: someone asked to be your friend.</summary>
    FriendRequest = 5,

    /// <summary>Server: a friend came online or went offline (see the online flag).</summary>
    FriendStatus = 6,
}
