namespace Hyperscape.Ecs.Game.Components;

/// <summary>The stable id clients know an entity by, and how often its state was sent.</summary>
/// <param name="Id">Unique for the simulation's lifetime; never reused.</param>
/// <param name="Version">Bumped by the sync system each time something of the entity is sent.</param>
public record struct NetworkIdentity(long Id, uint Version);
