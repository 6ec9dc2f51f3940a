namespace Hyperscape.Ecs.Game.Components;

/// <summary>Items lying on a tile.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">How many (more than one only for stackable items).</param>
/// <param name="OwnerId">The network id of the player who may take it while protected; 0 for anyone.</param>
/// <param name="ProtectedUntilTick">Until this tick only the owner may pick it up.</param>
/// <param name="DespawnAtTick">The tick it disappears; 0 for never.</param>
public record struct GroundItem(int ItemId, int Quantity, long OwnerId, long ProtectedUntilTick, long DespawnAtTick);
