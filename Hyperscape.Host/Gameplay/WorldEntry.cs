namespace Hyperscape.Host.Gameplay;

/// <summary>A connection took a character in the world: the entity it controls and who it is.</summary>
/// <param name="NetworkId">The player's entity.</param>
/// <param name="CharacterId">The stored character.</param>
/// <param name="Name">The character's name.</param>
public sealed record WorldEntry(long NetworkId, long CharacterId, string Name);
