namespace Hyperscape.Ecs.Sync;

/// <summary>Running totals of the sync system, for metrics.</summary>
/// <param name="Frames">Frames built.</param>
/// <param name="Packets">Packets sent (sync and event packets).</param>
/// <param name="Bytes">Bytes sent.</param>
/// <param name="EntriesSent">Spawn, update and despawn entries sent.</param>
/// <param name="EntriesDeferred">Times an entry waited for a later frame because the packet was full.</param>
/// <param name="EventsDropped">Others' visual events dropped from an overflowing client queue (own events are never dropped).</param>
/// <param name="VisibilityCapped">Times an entity in range was not tracked because a client's view was full.</param>
/// <param name="InterestPasses">Times a client's view was recomputed.</param>
/// <param name="InterestVisits">Entities those passes looked at: divided by the passes, what a view costs to recompute.</param>
public readonly record struct SyncStatistics(
    long Frames,
    long Packets,
    long Bytes,
    long EntriesSent,
    long EntriesDeferred,
    long EventsDropped,
    long VisibilityCapped,
    long InterestPasses,
    long InterestVisits);
