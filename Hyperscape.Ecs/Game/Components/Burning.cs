namespace Hyperscape.Ecs.Game.Components;

/// <summary>A fire's life: it goes out at <paramref name="OutAtTick"/>.</summary>
/// <param name="OutAtTick">The tick it goes out.</param>
public readonly record struct Burning(long OutAtTick);
