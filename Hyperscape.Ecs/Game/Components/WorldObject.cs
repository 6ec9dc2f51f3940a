using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>A fixed object of the world: a bank booth, a furnace, an anvil, a range, a rune altar, an obstacle.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Variant">Which of its kind: the item a rune altar makes; 0 for kinds that have no variants.</param>
public readonly record struct WorldObject(WorldObjectKind Kind, int Variant = 0);
