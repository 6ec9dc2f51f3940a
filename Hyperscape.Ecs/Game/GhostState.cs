using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// What one zone tells its neighbour about an entity near their border, each tick: enough to show
/// it (<see cref="Simulation.CaptureGhosts"/> makes them, <see cref="Simulation.ReceiveGhosts"/>
/// shows them).
/// </summary>
/// <param name="NetworkId">The entity's network id in the zone that owns it (zones number apart).</param>
/// <param name="CharacterId">For a player, its character; 0 for an NPC.</param>
/// <param name="Kind">Player or NPC.</param>
/// <param name="TypeId">An NPC's definition id.</param>
/// <param name="Position">Where it stands.</param>
/// <param name="Yaw">Facing, in radians.</param>
/// <param name="Health">Current hitpoints.</param>
/// <param name="MaxHealth">Maximum hitpoints.</param>
public readonly record struct GhostState(long NetworkId, long CharacterId, WireEntityKind Kind, int TypeId, Position Position, float Yaw, int Health, int MaxHealth)
{
    /// <summary>A player's worn item ids.</summary>
    public WornItems Worn { get; init; }

    /// <summary>A player's name.</summary>
    public DisplayName Name { get; init; }
}
