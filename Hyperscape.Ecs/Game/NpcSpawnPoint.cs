using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game;

/// <summary>Where the world places an NPC type at start-up and after each death.</summary>
/// <param name="DefinitionId">The NPC type.</param>
/// <param name="Tile">The spawn tile.</param>
public readonly record struct NpcSpawnPoint(int DefinitionId, Tile Tile);
