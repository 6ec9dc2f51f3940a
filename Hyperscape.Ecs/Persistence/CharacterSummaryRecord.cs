namespace Hyperscape.Ecs.Persistence;

/// <summary>A character as listed for its account.</summary>
/// <param name="Id">The character id.</param>
/// <param name="Name">Its name.</param>
/// <param name="CombatLevel">Its combat level.</param>
public sealed record CharacterSummaryRecord(long Id, string Name, int CombatLevel);
