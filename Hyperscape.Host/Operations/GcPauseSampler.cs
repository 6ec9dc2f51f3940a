using System.Diagnostics;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Every garbage collection's pause as the runtime itself measured it, read from
/// <see cref="GC.GetGCMemoryInfo(GCKind)"/> by the game loop between frames.
/// </summary>
/// <remarks>
/// <para>
/// The runtime's figure runs from the collecting thread starting to stop the managed threads to the
/// end of the collection: the pauses <see cref="GC.GetTotalPauseDuration"/> adds up. A background
/// collection has two (its start and its final mark).
/// </para>
/// <para>
/// The pauses are read, not heard as runtime events. An in-process event listener is woken by the
/// runtime's "suspension begins" event, and on a saturated core that wake-up took the core from the
/// collecting thread before it began stopping the others: beside a dotnet-trace session, the
/// listener's suspension began 14-23 ms earlier than the trace's for the same collection. Listening
/// delayed the collections it measured and counted the delay as pause.
/// </para>
/// <para>
/// Read after every frame (20 times a second): of two collections of one kind closer together than
/// that, only the later is measured; the others are counted in <see cref="Unmeasured"/>. A background
/// collection is read at most once a second, once it has ended, so its pauses join the window up to a
/// second after they happened.
/// </para>
/// </remarks>
public sealed class GcPauseSampler
{
    private static readonly long BackgroundReadInterval = Stopwatch.Frequency;

    private readonly Lock _gate = new();
    private readonly int _collectionsAtStart;
    private int _collectionsSeen;
    private int _fullCollectionsSeen;
    private long _measured;
    private long _ephemeralIndex;
    private long _fullBlockingIndex;
    private long _backgroundIndex;
    private long _backgroundReadAt;

    /// <summary>Starts measuring from now: collections before are not counted.</summary>
    public GcPauseSampler()
    {
        _collectionsAtStart = GC.CollectionCount(0);
        _collectionsSeen = _collectionsAtStart;
        _fullCollectionsSeen = GC.CollectionCount(GC.MaxGeneration);
        _ephemeralIndex = GC.GetGCMemoryInfo(GCKind.Ephemeral).Index;
        _fullBlockingIndex = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        _backgroundIndex = GC.GetGCMemoryInfo(GCKind.Background).Index;
    }

    /// <summary>Recent pauses, in milliseconds.</summary>
    public RecentPercentiles Pauses { get; } = new(4096);

    /// <summary>Recent pauses of gen0 collections (also in <see cref="Pauses"/>).</summary>
    public RecentPercentiles Gen0Pauses { get; } = new(4096);

    /// <summary>Recent pauses of gen1 collections (also in <see cref="Pauses"/>).</summary>
    public RecentPercentiles Gen1Pauses { get; } = new(1024);

    /// <summary>Recent pauses of full collections, blocking or background (also in <see cref="Pauses"/>).</summary>
    public RecentPercentiles FullPauses { get; } = new(1024);

    /// <summary>
    /// Collections since this sampler started whose pause was not read, because another of their
    /// kind followed before the next read.
    /// </summary>
    public long Unmeasured
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _collectionsSeen - _collectionsAtStart - _measured);
            }
        }
    }

    /// <summary>
    /// Reads the collections that ended since the last call. Cheap when none did (one counter read),
    /// so it can run after every frame; one thread at a time.
    /// </summary>
    public void Sample()
    {
        var collections = GC.CollectionCount(0);
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (collections != _collectionsSeen)
            {
                _collectionsSeen = collections;
                _measured += Read(GCKind.Ephemeral, ref _ephemeralIndex) ? 1 : 0;
                var blocking = Read(GCKind.FullBlocking, ref _fullBlockingIndex);
                _measured += blocking ? 1 : 0;

                // A full collection that did not block runs in the background: counted when it
                // starts, read once it has ended, so a running one is not "unmeasured" meanwhile.
                _measured += Math.Max(0, fullCollections - _fullCollectionsSeen - (blocking ? 1 : 0));
                _fullCollectionsSeen = fullCollections;
            }

            if (now - _backgroundReadAt >= BackgroundReadInterval)
            {
                _backgroundReadAt = now;
                Read(GCKind.Background, ref _backgroundIndex);
            }
        }
    }

    /// <summary>Records the latest collection of <paramref name="kind"/> if it is new; true when it was.</summary>
    private bool Read(GCKind kind, ref long lastIndex)
    {
        var info = GC.GetGCMemoryInfo(kind);
        if (info.Index == lastIndex)
        {
            return false;
        }

        lastIndex = info.Index;
        var ofKind = kind != GCKind.Ephemeral ? FullPauses : info.Generation == 0 ? Gen0Pauses : Gen1Pauses;
        foreach (var pause in info.PauseDurations)
        {
            if (pause > TimeSpan.Zero)
            {
                Pauses.Add(pause.TotalMilliseconds);
                ofKind.Add(pause.TotalMilliseconds);
            }
        }

        return true;
    }
}
