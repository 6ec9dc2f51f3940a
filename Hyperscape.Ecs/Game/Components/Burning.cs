namespace Hyperscape.Ecs.Game.Components;

/// <summary>A fire's life: it goes out at <paramref name="OutAtTick"/>, leaving <paramref name="AshesId"/> behind.</summary>
/// <param name="OutAtTick">The tick it goes out.</param>
/// <param name="AshesId">The item left on the ground when it goes out, 0 for nothing.</param>
public readonly record struct Burning(long OutAtTick, int AshesId = 0);
