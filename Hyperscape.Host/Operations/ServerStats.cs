namespace Hyperscape.Host.Operations;

/// <summary>A snapshot of the server for <c>/stats</c> (JSON) and the load generator.</summary>
/// <param name="Tick">Ticks computed.</param>
/// <param name="Online">Players in the world.</param>
/// <param name="Connections">Open game connections.</param>
/// <param name="Entities">Entities in the world.</param>
/// <param name="TickP50Ms">Median tick time over recent ticks.</param>
/// <param name="TickP99Ms">99th percentile tick time over recent ticks.</param>
/// <param name="FrameP50Ms">Median sync frame time over recent frames.</param>
/// <param name="FrameP99Ms">99th percentile sync frame time over recent frames.</param>
/// <param name="BytesIn">Bytes received from clients.</param>
/// <param name="BytesOut">Bytes sent to clients.</param>
/// <param name="Rejected">Client messages refused.</param>
/// <param name="Dropped">Outgoing packets dropped for slow clients.</param>
/// <param name="SendQueueBytes">Bytes waiting in every connection's send queue, at the last frame.</param>
/// <param name="LargestSendQueueBytes">The most any one connection has had queued since start: bounded by the send-queue budget.</param>
/// <param name="PendingSaves">Persistence jobs not yet written.</param>
/// <param name="ManagedBytes">Managed heap in use.</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
public sealed record ServerStats(
    long Tick,
    int Online,
    int Connections,
    int Entities,
    double TickP50Ms,
    double TickP99Ms,
    double FrameP50Ms,
    double FrameP99Ms,
    long BytesIn,
    long BytesOut,
    long Rejected,
    long Dropped,
    long SendQueueBytes,
    int LargestSendQueueBytes,
    long PendingSaves,
    long ManagedBytes,
    long WorkingSetBytes)
{
    /// <summary>Game connections refused with 503 since start (caps reached or shutting down).</summary>
    public long ConnectionsRefused { get; init; }

    /// <summary>Open connections that have not finished their hello.</summary>
    public int ConnectionsBeforeHello { get; init; }

    /// <summary>Connections closed before their hello to make room for newer ones since start.</summary>
    public long ConnectionsEvicted { get; init; }

    /// <summary>NPCs alive in the world at the last frame.</summary>
    public int Npcs { get; init; }

    /// <summary>Frames whose packets were never built because the loop fell too far behind, since start.</summary>
    public long FramesSkipped { get; init; }

    /// <summary>The sync's running totals: packets, bytes, entries sent and deferred, events dropped, views capped.</summary>
    public Hyperscape.Ecs.Sync.SyncStatistics Sync { get; init; }

    /// <summary>The seconds the percentiles cover (the <c>window</c> asked for), or 0 for every sample held.</summary>
    public double WindowSeconds { get; init; }

    /// <summary>Ticks the game lost since start because the loop fell more than <c>MaxCatchUpTicks</c> behind.</summary>
    public long TicksLost { get; init; }

    /// <summary>CPU time the process used since start (every thread), in seconds.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>
    /// Median garbage-collection pause, in the window: from the runtime suspending managed threads to
    /// it restarting them, as <see cref="GC.GetTotalPauseDuration"/> counts it.
    /// </summary>
    public double GcPauseP50Ms { get; init; }

    /// <summary>99th percentile garbage-collection pause, in the window.</summary>
    public double GcPauseP99Ms { get; init; }

    /// <summary>The longest garbage-collection pause, in the window.</summary>
    public double GcPauseMaxMs { get; init; }

    /// <summary>Garbage collections that paused the process, in the window.</summary>
    public int GcPauses { get; init; }

    /// <summary>
    /// Collections since start whose pause is not in the figures: pauses are read between frames,
    /// and of two collections of one kind within one frame only the later is read.
    /// </summary>
    public long GcPausesUnmeasured { get; init; }

    /// <summary>The longest pause of a gen0 collection, in the window (0 when none).</summary>
    public double GcLongestGen0PauseMs { get; init; }

    /// <summary>The longest pause of a gen1 collection, in the window (0 when none).</summary>
    public double GcLongestGen1PauseMs { get; init; }

    /// <summary>The longest pause of a full collection, blocking or background, in the window (0 when none).</summary>
    public double GcLongestFullPauseMs { get; init; }

    /// <summary>Generation 2 (full) collections since start.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>
    /// Background full collections the server asked for since start, after the runtime had run none
    /// for <c>Hyperscape:BackgroundGcInterval</c> (they keep its background collector thread alive).
    /// </summary>
    public long BackgroundGcRequests { get; init; }

    /// <summary>Zone mode: the zone, its crossings and its cluster; null for the single-process server.</summary>
    public ZoneStats? Zone { get; init; }
}
