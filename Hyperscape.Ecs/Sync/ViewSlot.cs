using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// One entity in one client's view. All of a slot's state sits together, so checking a visible
/// entity touches one or two cache lines instead of one per field array.
/// </summary>
internal struct ViewSlot
{
    public SyncBaseline Baseline;
    public Entity Entity;
    public long NetworkId;
    public float Priority;
    public uint Seen;

    /// <summary>Chebyshev tiles from the client's player at the last interest pass.</summary>
    public int Distance;
    public int ActiveIndex;

    /// <summary>Position in the client's pending list plus one; 0 when not listed (so default is "not listed").</summary>
    public int PendingPosition;
    public SyncField Pending;
    public SlotState State;
}
