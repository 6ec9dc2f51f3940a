namespace Hyperscape.Ecs.Sync;

/// <summary>Where a visible entity stands with one client.</summary>
internal enum SlotState : byte
{
    /// <summary>The slot is unused.</summary>
    Free,

    /// <summary>In view, but its spawn has not been sent yet.</summary>
    Spawning,

    /// <summary>Spawned on the client; updates flow.</summary>
    Live,

    /// <summary>Out of view (or gone); the despawn has not been sent yet.</summary>
    Leaving,
}
