using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// A character in the world, as the game loop tracks it: its entity, the connection playing it
/// (null while dropped and waiting out the reconnect grace), its resume token and its social
/// lists. Touched only on the game-loop thread.
/// </summary>
internal sealed class PlayerPresence(long characterId, long accountId, long networkId, string name, string resumeToken)
{
    public long CharacterId { get; } = characterId;

    public long AccountId { get; } = accountId;

    public long NetworkId { get; } = networkId;

    public string Name { get; } = name;

    public string ResumeToken { get; } = resumeToken;

    public IClientLink? Link { get; set; }

    public DateTimeOffset GraceUntil { get; set; }

    public SocialRelations Relations { get; set; } = new([], [], [], []);
}
