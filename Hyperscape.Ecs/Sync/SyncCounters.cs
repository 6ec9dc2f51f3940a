namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The sync's running totals and frame number. The sync's own instance is written on the game
/// thread; each frame-building thread counts into its own (a <see cref="SyncWorker"/>'s) and
/// hands its counts over when the frame is done.
/// </summary>
internal sealed class SyncCounters
{
    public uint Frame;
    public long Packets;
    public long Bytes;
    public long EntriesSent;
    public long EntriesDeferred;
    public long EventsDropped;
    public long VisibilityCapped;
    public long InterestPasses;
    public long InterestVisits;

    /// <summary>Adds this instance's counts to <paramref name="totals"/> and zeroes them (the frame number stays).</summary>
    public void DrainInto(SyncCounters totals)
    {
        totals.Packets += Packets;
        totals.Bytes += Bytes;
        totals.EntriesSent += EntriesSent;
        totals.EntriesDeferred += EntriesDeferred;
        totals.EventsDropped += EventsDropped;
        totals.VisibilityCapped += VisibilityCapped;
        totals.InterestPasses += InterestPasses;
        totals.InterestVisits += InterestVisits;
        Packets = Bytes = EntriesSent = EntriesDeferred = EventsDropped = VisibilityCapped = InterestPasses = InterestVisits = 0;
    }

    public SyncStatistics ToStatistics() => new(Frame, Packets, Bytes, EntriesSent, EntriesDeferred, EventsDropped, VisibilityCapped, InterestPasses, InterestVisits);
}
