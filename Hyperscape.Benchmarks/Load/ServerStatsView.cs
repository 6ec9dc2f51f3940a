namespace Hyperscape.Benchmarks.Load;

/// <summary>The part of the server's <c>/stats</c> JSON the load report uses.</summary>
internal sealed record ServerStatsView(
    long Tick,
    int Online,
    int Entities,
    double TickP50Ms,
    double TickP99Ms,
    double FrameP50Ms,
    double FrameP99Ms,
    long BytesOut,
    long Rejected,
    long Dropped,
    long PendingSaves,
    long ManagedBytes,
    long WorkingSetBytes,
    int Npcs = 0)
{
    public long FramesSkipped { get; init; }

    public long TicksLost { get; init; }

    public double CpuSeconds { get; init; }

    public double GcPauseP50Ms { get; init; }

    public double GcPauseP99Ms { get; init; }

    public double GcPauseMaxMs { get; init; }

    public int GcPauses { get; init; }

    public long GcPausesUnmeasured { get; init; }

    public double GcLongestGen0PauseMs { get; init; }

    public double GcLongestGen1PauseMs { get; init; }

    public double GcLongestFullPauseMs { get; init; }

    public int Gen2Collections { get; init; }

    public Hyperscape.Ecs.Sync.SyncStatistics Sync { get; init; }
}
