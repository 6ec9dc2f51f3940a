using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>Marks a living NPC.</summary>
/// <param name="DefinitionId">The NPC type (see <see cref="Rules.NpcCatalog"/>).</param>
/// <param name="Spawner">The spawn-point entity that brings it back after death.</param>
/// <param name="Home">Its spawn tile: the leash and the wander range are measured from here.</param>
public record struct Npc(int DefinitionId, Entity Spawner, Tile Home);
