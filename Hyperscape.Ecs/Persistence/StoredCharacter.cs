using Hyperscape.Ecs.Game;

namespace Hyperscape.Ecs.Persistence;

/// <summary>A character as stored: its game state plus what only the account layer knows.</summary>
/// <param name="AccountId">The owning account.</param>
/// <param name="State">Everything the simulation needs to bring it into the world.</param>
/// <param name="PushToTalk">Voice preference: push-to-talk (true) or voice activation.</param>
/// <param name="LastLogin">The last time it entered the world, or null.</param>
/// <param name="Kills">NPC kills by NPC type.</param>
public sealed record StoredCharacter(
    long AccountId,
    CharacterState State,
    bool PushToTalk,
    DateTimeOffset? LastLogin,
    IReadOnlyDictionary<int, int> Kills)
{
    /// <summary>The character id.</summary>
    public long Id => State.CharacterId;
}
