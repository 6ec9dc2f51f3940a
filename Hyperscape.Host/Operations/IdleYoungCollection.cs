namespace Hyperscape.Host.Operations;

/// <summary>
/// Collects the young generation on the game loop's own thread, in the idle time after its frames,
/// once a set amount has been allocated since the last collection: before the runtime would start
/// one on whichever thread next allocates.
/// </summary>
/// <remarks>
/// <para>
/// A collection is started by the thread whose allocation runs out of budget, usually a thread-pool
/// thread at normal priority. On a busy core it then waits for the game loop, which runs far above
/// it, to reach a point where it can stop: at 2,000 pinned bots, after the loop offered safe points,
/// one run in three still had a single 35 ms pause. Started by the loop itself, between frames, the
/// collection neither waits for the loop nor lands inside a frame.
/// </para>
/// <para>
/// Collecting more often also makes each collection shorter. A young collection's pause is mostly the
/// scan of old objects written since the last one (the cards), which grows with the time between
/// them: 2.5–6 ms every 3–4 s at the runtime's 512 KiB budget, 1.6–3.3 ms every 1.5–2 s at 256 KiB.
/// </para>
/// <para>
/// The runtime's own budget stays in force: a burst that allocates it all within one frame is
/// collected by the runtime as before.
/// </para>
/// </remarks>
internal sealed class IdleYoungCollection
{
    private readonly Func<int> _collectionCount;
    private readonly Func<long> _allocatedBytes;
    private readonly Action _collect;
    private int _seenCollections;
    private long _allocatedAtLastCollection;
    private long _collections;

    /// <summary>Collects after <paramref name="allocationBytes"/> allocated since the last collection.</summary>
    /// <param name="allocationBytes">Bytes allocated across the process since the last young collection, of any origin, before this one collects.</param>
    /// <param name="minimumIdle">
    /// The least time left before the next frame for a collection to start. The game loop gives a
    /// fifth of a frame, 10 ms at 50 ms frames: a young collection took 1.6–3.3 ms at 2,000 bots.
    /// </param>
    /// <param name="collectionCount">The young collections so far (the runtime's when null).</param>
    /// <param name="allocatedBytes">The bytes allocated so far (the runtime's when null).</param>
    /// <param name="collect">Collects the young generation, blocking (the runtime's when null).</param>
    public IdleYoungCollection(
        long allocationBytes,
        TimeSpan minimumIdle,
        Func<int>? collectionCount = null,
        Func<long>? allocatedBytes = null,
        Action? collect = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(allocationBytes, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumIdle, TimeSpan.Zero);
        AllocationBytes = allocationBytes;
        MinimumIdle = minimumIdle;
        _collectionCount = collectionCount ?? (static () => GC.CollectionCount(0));

        // Not precise: the precise count stops every thread to read their allocation contexts.
        _allocatedBytes = allocatedBytes ?? (static () => GC.GetTotalAllocatedBytes(precise: false));
        _collect = collect ?? (static () => GC.Collect(0, GCCollectionMode.Forced, blocking: true));
        _seenCollections = _collectionCount();
        _allocatedAtLastCollection = _allocatedBytes();
    }

    /// <summary>The bytes allocated since the last young collection after which this one collects.</summary>
    public long AllocationBytes { get; }

    /// <summary>The least time left before the next frame for a collection to start.</summary>
    public TimeSpan MinimumIdle { get; }

    /// <summary>How many collections this has started; safe to read from any thread.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    /// <summary>
    /// Called after the frames, on the game loop's thread: collects when enough has been allocated
    /// and at least <see cref="MinimumIdle"/> is left before the next frame. True when it collected.
    /// </summary>
    public bool Poll(TimeSpan untilNextFrame)
    {
        var collections = _collectionCount();
        var allocated = _allocatedBytes();
        if (collections != _seenCollections)
        {
            // The runtime collected on its own (or a full collection ran): count from there.
            _seenCollections = collections;
            _allocatedAtLastCollection = allocated;
            return false;
        }

        if (allocated - _allocatedAtLastCollection < AllocationBytes || untilNextFrame < MinimumIdle)
        {
            return false;
        }

        _collect();
        Interlocked.Increment(ref _collections);
        _seenCollections = _collectionCount();
        _allocatedAtLastCollection = _allocatedBytes();
        return true;
    }
}
