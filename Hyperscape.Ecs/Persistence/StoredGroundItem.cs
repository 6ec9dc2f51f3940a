using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Persistence;

/// <summary>Items lying on the ground, as stored so they survive restarts.</summary>
/// <param name="Id">The stable id (never reused, unlike network ids).</param>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Position">Where.</param>
/// <param name="OwnerCharacterId">The character protected as owner, or null.</param>
public sealed record StoredGroundItem(long Id, int ItemId, int Quantity, Position Position, long? OwnerCharacterId)
{
    /// <summary>
    /// How long until it disappears, from the moment of the transaction; null for the simulation's
    /// default (<see cref="Game.SimulationOptions.GroundItemDespawnTicks"/> from when it is restored).
    /// Stores keep the moment by their clock, as for a gravestone's <see cref="StoredGravestone.BreaksIn"/>.
    /// </summary>
    public TimeSpan? DespawnsIn { get; init; }
}
