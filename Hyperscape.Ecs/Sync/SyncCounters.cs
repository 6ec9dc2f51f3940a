namespace Hyperscape.Ecs.Sync;

/// <summary>The sync's running totals and frame number, shared by its parts (one thread).</summary>
internal sealed class SyncCounters
{
    public uint Frame;
    public long Packets;
    public long Bytes;
    public long EntriesSent;
    public long EntriesDeferred;
    public long EventsDropped;
    public long VisibilityCapped;

    public SyncStatistics ToStatistics() => new(Frame, Packets, Bytes, EntriesSent, EntriesDeferred, EventsDropped, VisibilityCapped);
}
