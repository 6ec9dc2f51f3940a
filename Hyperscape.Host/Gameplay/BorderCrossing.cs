using Hyperscape.Host.Zones;

namespace Hyperscape.Host.Gameplay;

/// <summary>A player leaving this zone over a border, as the game loop drives it (loop thread only).</summary>
internal sealed class BorderCrossing(HandOff handOff, PlayerPresence presence, long startedTimestamp)
{
    /// <summary>The crossing's state machine.</summary>
    public HandOff HandOff { get; } = handOff;

    /// <summary>Who crosses (already out of this zone's world once frozen).</summary>
    public PlayerPresence Presence { get; } = presence;

    /// <summary>When the player stepped over the border (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long StartedTimestamp { get; } = startedTimestamp;

    /// <summary>Where the player was walking when it stepped over, and its combat clocks: both go on in the other zone.</summary>
    public CrossingCarry Carry { get; init; }

    /// <summary>The ownership-moving save, once queued.</summary>
    public Task<CommitOutcome>? Commit { get; set; }

    /// <summary>The doorbell call in flight, if any.</summary>
    public Task<string?>? Ring { get; set; }
}
