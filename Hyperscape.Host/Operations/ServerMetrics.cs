using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Host.Operations;

/// <summary>
/// The server's instruments (meter <c>Hyperscape.Server</c>): readable with <c>dotnet-counters</c>
/// and exported as Prometheus text on <c>/metrics</c>. Also keeps exact recent percentiles of tick
/// and frame times for <c>/stats</c> and the load generator.
/// </summary>
public sealed class ServerMetrics : IGameServerObserver, IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Hyperscape.Server";

    private readonly Meter _meter = new(MeterName, "1.0");
    private readonly Histogram<double> _tick;
    private readonly Histogram<double> _phase;
    private readonly Histogram<double> _frame;
    private readonly Histogram<double> _save;
    private readonly Counter<long> _saveFailures;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _dropped;
    private readonly RecentPercentiles _recentTicks = new(2048);
    private readonly RecentPercentiles _recentFrames = new(8192);
    private readonly GcPauseSampler _gcPauses = new();
    private long _totalBytesIn;
    private long _totalBytesOut;
    private long _totalRejected;
    private long _totalDropped;
    private SyncStatistics _sync;
    private readonly Lock _syncGate = new();

    /// <summary>Creates the instruments; <paramref name="online"/> and <paramref name="entities"/> are read when observed.</summary>
    public ServerMetrics(Func<int> online, Func<int> entities)
    {
        _tick = _meter.CreateHistogram<double>("hyperscape.tick.duration", "ms", "Time to compute one 600 ms game tick");
        _phase = _meter.CreateHistogram<double>("hyperscape.tick.phase.duration", "ms", "Time per tick phase");
        _frame = _meter.CreateHistogram<double>("hyperscape.sync.frame.duration", "ms", "Time to build one 20 Hz sync frame");
        _save = _meter.CreateHistogram<double>("hyperscape.save.duration", "ms", "Time to write one persistence job");
        _saveFailures = _meter.CreateCounter<long>("hyperscape.save.failures", description: "Failed persistence attempts (each is retried)");
        _bytesIn = _meter.CreateCounter<long>("hyperscape.network.bytes.in", "By", "Bytes received from clients");
        _bytesOut = _meter.CreateCounter<long>("hyperscape.network.bytes.out", "By", "Bytes sent to clients");
        _rejected = _meter.CreateCounter<long>("hyperscape.messages.rejected", description: "Client messages refused (malformed, rate limited, not allowed)");
        _dropped = _meter.CreateCounter<long>("hyperscape.messages.dropped", description: "Outgoing packets dropped for slow clients");
        _meter.CreateObservableGauge("hyperscape.players.online", online, description: "Players in the world");
        _meter.CreateObservableGauge("hyperscape.entities", entities, description: "Entities in the world");
        _meter.CreateObservableCounter("hyperscape.sync.packets", () => LatestSync.Packets, description: "Sync and event packets built");
        _meter.CreateObservableCounter("hyperscape.sync.bytes", () => LatestSync.Bytes, "By", "Bytes of sync and event packets built");
        _meter.CreateObservableCounter("hyperscape.sync.entries.sent", () => LatestSync.EntriesSent, description: "Entity entries written into sync packets");
        _meter.CreateObservableCounter("hyperscape.sync.entries.deferred", () => LatestSync.EntriesDeferred, description: "Entity entries that did not fit a packet and waited a frame");
        _meter.CreateObservableCounter("hyperscape.sync.events.dropped", () => LatestSync.EventsDropped, description: "Others' visual events dropped for a client with a full event queue");
        _meter.CreateObservableCounter("hyperscape.sync.visibility.capped", () => LatestSync.VisibilityCapped, description: "Entities in range left out of a full view");
        _meter.CreateObservableCounter("hyperscape.sync.interest.passes", () => LatestSync.InterestPasses, description: "Client views recomputed");
        _meter.CreateObservableCounter("hyperscape.sync.interest.visits", () => LatestSync.InterestVisits, description: "Entities looked at by view recomputations");
    }

    /// <summary>Bytes received so far.</summary>
    public long BytesIn => Interlocked.Read(ref _totalBytesIn);

    /// <summary>Bytes sent so far.</summary>
    public long BytesOut => Interlocked.Read(ref _totalBytesOut);

    /// <summary>Client messages refused so far.</summary>
    public long Rejected => Interlocked.Read(ref _totalRejected);

    /// <summary>Outgoing packets dropped so far.</summary>
    public long Dropped => Interlocked.Read(ref _totalDropped);

    /// <summary>Recent tick durations.</summary>
    public RecentPercentiles Ticks => _recentTicks;

    /// <summary>Recent frame durations.</summary>
    public RecentPercentiles Frames => _recentFrames;

    /// <summary>Recent garbage-collection pauses, in milliseconds, as the runtime measured them.</summary>
    public RecentPercentiles GcPauses => _gcPauses.Pauses;

    /// <summary>The garbage-collection pauses of gen0, gen1 and full collections, apart.</summary>
    public GcPauseSampler GcPausesByKind => _gcPauses;

    /// <summary>Collections whose pause was not read (another of their kind followed within one frame).</summary>
    public long GcPausesUnmeasured => _gcPauses.Unmeasured;

    /// <summary>Reads the pauses of the collections that ended since the last call (the game thread, between frames).</summary>
    public void SampleGcPauses() => _gcPauses.Sample();

    /// <summary>The sync's totals at the last frame.</summary>
    public SyncStatistics LatestSync
    {
        get
        {
            lock (_syncGate)
            {
                return _sync;
            }
        }
    }

    /// <summary>Takes the sync's totals after a frame (the game thread).</summary>
    public void RecordSync(SyncStatistics statistics)
    {
        lock (_syncGate)
        {
            _sync = statistics;
        }
    }

    /// <inheritdoc />
    public void TickComputed(TimeSpan duration, IReadOnlyList<string> phaseNames, ReadOnlySpan<long> phaseStopwatchTicks) =>
        RecordTick(duration, phaseNames, phaseStopwatchTicks);

    /// <inheritdoc />
    public void FrameBuilt(TimeSpan duration) => RecordFrame(duration);

    /// <summary>Records a tick and its phases (Stopwatch ticks), an embedder's systems among them.</summary>
    public void RecordTick(TimeSpan total, IReadOnlyList<string> phaseNames, ReadOnlySpan<long> phaseTicks)
    {
        _tick.Record(total.TotalMilliseconds);
        _recentTicks.Add(total.TotalMilliseconds);
        for (var i = 0; i < phaseTicks.Length; i++)
        {
            _phase.Record(phaseTicks[i] * 1000.0 / Stopwatch.Frequency, new KeyValuePair<string, object?>("phase", phaseNames[i]));
        }
    }

    /// <summary>Records a sync frame.</summary>
    public void RecordFrame(TimeSpan duration)
    {
        _frame.Record(duration.TotalMilliseconds);
        _recentFrames.Add(duration.TotalMilliseconds);
    }

    /// <summary>Records a persistence job.</summary>
    public void RecordSave(string kind, TimeSpan duration) => _save.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records a failed persistence attempt.</summary>
    public void RecordSaveFailure(string kind) => _saveFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts received bytes.</summary>
    public void BytesReceived(int count)
    {
        _bytesIn.Add(count);
        Interlocked.Add(ref _totalBytesIn, count);
    }

    /// <summary>Counts sent bytes.</summary>
    public void BytesSent(int count)
    {
        _bytesOut.Add(count);
        Interlocked.Add(ref _totalBytesOut, count);
    }

    /// <summary>Counts a refused client message.</summary>
    public void MessageRejected(string reason)
    {
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Interlocked.Increment(ref _totalRejected);
    }

    /// <summary>Counts a dropped outgoing packet.</summary>
    public void PacketDropped()
    {
        _dropped.Add(1);
        Interlocked.Increment(ref _totalDropped);
    }

    /// <inheritdoc />
    /// <summary>
    /// Zone mode's instruments: crossings out, in and given up, their duration, ghosts sent and
    /// received, the cluster's live members, whether this zone is one of them, and characters held.
    /// </summary>
    internal Histogram<double> AddZone(Zones.ZoneRuntime zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _meter.CreateObservableCounter("hyperscape.zone.handoffs.out", () => zone.HandOffsOut, description: "Players handed to other zones");
        _meter.CreateObservableCounter("hyperscape.zone.handoffs.in", () => zone.HandOffsIn, description: "Players taken from other zones");
        _meter.CreateObservableCounter("hyperscape.zone.handoffs.aborted", () => zone.HandOffsAborted, description: "Crossings that ended without the player moving");
        _meter.CreateObservableCounter("hyperscape.zone.ghosts.sent", () => zone.GhostsSent, description: "Ghost states sent to neighbouring zones");
        _meter.CreateObservableCounter("hyperscape.zone.ghosts.received", () => zone.GhostsReceived, description: "Ghost states received from neighbouring zones");
        _meter.CreateObservableGauge("hyperscape.zone.cluster.members", () => zone.ClusterMembers, description: "Live zone processes in the cluster");
        _meter.CreateObservableGauge("hyperscape.zone.in_cluster", () => zone.InCluster ? 1 : 0, description: "1 while this zone is an active member of its cluster");
        _meter.CreateObservableGauge("hyperscape.zone.characters.held", () => zone.Fence.Held, description: "Characters this zone owns in the database");
        return _meter.CreateHistogram<double>("hyperscape.zone.handoff.duration", "ms", "From the step over the border to the other zone's answer");
    }

    public void Dispose() => _meter.Dispose();
}
