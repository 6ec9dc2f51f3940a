namespace Hyperscape.Host.Zones;

/// <summary>Where a crossing stands on the sending zone's side.</summary>
internal enum HandOffState
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>The player is frozen (inputs queued, not applied) until its item transactions are durable.</summary>
    Frozen,

    /// <summary>The save that moves ownership to the other zone is in flight (or waiting to be retried).</summary>
    Committing,

    /// <summary>Ownership moved; the other zone is being rung to load the player.</summary>
    Ringing,

    /// <summary>The client was told where to reconnect; the player left this zone.</summary>
    Done,

    /// <summary>Given up before ownership moved: the player stays here, unfrozen.</summary>
    Aborted,

    /// <summary>This zone had already lost the character (a stale epoch): it leaves without a save.</summary>
    Dropped,
}
