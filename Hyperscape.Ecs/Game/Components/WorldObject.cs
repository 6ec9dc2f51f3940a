using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>A fixed object of the world: a bank booth, a furnace, an anvil, a range.</summary>
/// <param name="Kind">What it is.</param>
public readonly record struct WorldObject(WorldObjectKind Kind);
