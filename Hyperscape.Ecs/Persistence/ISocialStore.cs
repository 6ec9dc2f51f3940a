namespace Hyperscape.Ecs.Persistence;

/// <summary>Friendships, friend requests and ignore lists. The rules live in <see cref="Game.Social.SocialService"/>.</summary>
public interface ISocialStore
{
    /// <summary>A character by name (case-insensitive), or null.</summary>
    Task<CharacterSummaryRecord?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Everything about a character's social lists.</summary>
    Task<SocialRelations> GetRelationsAsync(long characterId, CancellationToken cancellationToken = default);

    /// <summary>Records a friend request (idempotent).</summary>
    Task AddRequestAsync(long fromCharacterId, long toCharacterId, CancellationToken cancellationToken = default);

    /// <summary>Makes two characters friends and clears requests between them, atomically.</summary>
    Task AddFriendshipAsync(long characterA, long characterB, CancellationToken cancellationToken = default);

    /// <summary>Ends a friendship and any request between them.</summary>
    Task RemoveFriendshipAsync(long characterA, long characterB, CancellationToken cancellationToken = default);

    /// <summary>Adds to an ignore list (idempotent).</summary>
    Task AddIgnoreAsync(long characterId, long ignoredCharacterId, CancellationToken cancellationToken = default);

    /// <summary>Removes from an ignore list.</summary>
    Task RemoveIgnoreAsync(long characterId, long ignoredCharacterId, CancellationToken cancellationToken = default);
}
