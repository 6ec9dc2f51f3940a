namespace Hyperscape.Ecs.Sync;

/// <summary>One synced field as the wire carries it: its mask bit, how many values follow for it, and the most bytes they take.</summary>
/// <param name="Field">The mask bit.</param>
/// <param name="Values">Array elements written for it.</param>
/// <param name="MaxBytes">An upper bound of their MessagePack size.</param>
internal readonly record struct SyncFieldSpec(SyncField Field, int Values, int MaxBytes);
