using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>A spawn point: which NPC type stands here, which entity it is now, and when it returns.</summary>
/// <param name="DefinitionId">The NPC type.</param>
/// <param name="Tile">The spawn tile.</param>
/// <param name="Current">The living NPC, or <see cref="Entity.Null"/> while it is dead.</param>
/// <param name="RespawnAtTick">When <paramref name="Current"/> is null, the tick it comes back.</param>
internal record struct NpcSpawn(int DefinitionId, Tile Tile, Entity Current, long RespawnAtTick);
