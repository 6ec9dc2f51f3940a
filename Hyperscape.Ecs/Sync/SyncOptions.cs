using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Ecs.Sync;

/// <summary>Tunables of the network sync.</summary>
public sealed record SyncOptions
{
    /// <summary>The defaults.</summary>
    public static SyncOptions Default { get; } = new();

    /// <summary>Frames per second (20 Hz: one every 50 ms).</summary>
    public int FramesPerSecond { get; init; } = 20;

    /// <summary>Clients see entities within this many tiles (Chebyshev) of their player.</summary>
    public int ViewRadius { get; init; } = 16;

    /// <summary>A visible entity leaves view only beyond radius + margin, so the edge does not flicker.</summary>
    public int ExitMargin { get; init; } = 2;

    /// <summary>Bytes per packet, the hard budget of every message sent.</summary>
    public int MaxPacketSize { get; init; } = WireProtocol.MaxPacketSize;

    /// <summary>A position is sent again once it is this far (in tiles/metres) from the one last sent.</summary>
    public float PositionThreshold { get; init; } = 0.1f;

    /// <summary>A rotation is sent again once it is this far (radians) from the one last sent.</summary>
    public float RotationThreshold { get; init; } = 0.1f;

    /// <summary>
    /// The most entities one client tracks. When more are in range the nearest win: farther ones
    /// are despawned to make room, up to 16 a frame, so a crowd settles within a few frames.
    /// </summary>
    public int MaxVisiblePerClient { get; init; } = 256;

    /// <summary>Events queued per client before the oldest visual ones (others' hits) are dropped and counted.</summary>
    public int MaxPendingEvents { get; init; } = 1024;

    /// <summary>
    /// The world changes once a tick, but recomputing every client's view in the frame right after
    /// it would make that one frame carry a tick's worth of work. Clients are split into this many
    /// groups, refreshed on consecutive frames after a change: the heaviest frame shrinks by this
    /// factor, and other entities' updates reach a client at most <c>groups - 1</c> frames later
    /// (250 ms at the default; clients interpolate others anyway). A player's own entity and
    /// private state are never staggered. 1 disables staggering.
    /// </summary>
    public int InterestGroups { get; init; } = 6;

    /// <summary>
    /// Threads that build a frame's packets, the game thread included: clients are independent,
    /// so they are split among this many threads (the store's helper threads). 1 keeps the frame
    /// on the game thread. The default is the number of cores the process may use. Above 1, the
    /// <see cref="IPacketSink"/> is called from several threads at once (for different clients).
    /// The packets are the same whatever the value.
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Hold back everything an item transaction did, from every client, until storage confirms
    /// it durable. Set by <see cref="Server.GameServer"/> together with the simulation's recording,
    /// when it has storage: never one without the other.
    /// </summary>
    internal bool HoldItemChangesUntilConfirmed { get; init; }

    /// <summary>The frame period.</summary>
    public TimeSpan FrameInterval => TimeSpan.FromSeconds(1.0 / FramesPerSecond);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FramesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ViewRadius, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ExitMargin);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPacketSize, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxVisiblePerClient, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingEvents, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(InterestGroups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Parallelism, 256);
        if (!(PositionThreshold >= 0) || !(RotationThreshold >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(PositionThreshold), "Thresholds are finite and not negative.");
        }
    }
}
