namespace Hyperscape.Ecs.Protocol;

/// <summary>One line of the character list.</summary>
/// <param name="CharacterId">The character id to select.</param>
/// <param name="Name">The character's name.</param>
/// <param name="CombatLevel">Its combat level.</param>
public readonly record struct CharacterSummary(long CharacterId, string Name, int CombatLevel);
