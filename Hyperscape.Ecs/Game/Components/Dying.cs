namespace Hyperscape.Ecs.Game.Components;

/// <summary>A player in its death animation, between dying and respawning.</summary>
/// <param name="DeathId">Unique per death: the key of the death lock that makes drops happen once.</param>
/// <param name="DiedAtTick">The tick of death.</param>
/// <param name="RespawnAtTick">The tick of respawn.</param>
public record struct Dying(long DeathId, long DiedAtTick, long RespawnAtTick);
