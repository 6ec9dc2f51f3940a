using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game;

/// <summary>Items the world places on the ground at start-up (they never despawn).</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Tile">Where.</param>
public readonly record struct GroundItemSpawn(int ItemId, int Quantity, Tile Tile);
