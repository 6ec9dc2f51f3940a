namespace Hyperscape.Ecs.Persistence;

/// <summary>A character's kill count of one NPC type, as it stands now.</summary>
/// <param name="CharacterId">The character.</param>
/// <param name="NpcType">The NPC type.</param>
/// <param name="Count">The total kills.</param>
public readonly record struct KillCount(long CharacterId, int NpcType, int Count);
