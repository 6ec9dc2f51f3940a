using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game;

/// <summary>A fixed object of the world's definition.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Tile">Where it stands (it blocks the tile).</param>
/// <param name="Variant">Which of its kind: the item a rune altar makes; 0 otherwise.</param>
public readonly record struct WorldObjectSpawn(WorldObjectKind Kind, Tile Tile, int Variant = 0);
