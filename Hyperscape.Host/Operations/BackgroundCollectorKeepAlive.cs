using System.Runtime;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Asks the runtime for a background full collection whenever none has run for
/// <see cref="Interval"/>, so that its background collector thread is never let go.
/// </summary>
/// <remarks>
/// The workstation collector's background thread exits after 20 s without a background
/// collection. Measured on .NET 10 with the process on one core (segments and regions alike; a
/// small program reproduces it), the first full collection after that ran blocking, its whole mark
/// with every thread stopped: 53–127 ms, where the same collection with the thread alive stopped the
/// threads twice for under 0.5 ms. On two free cores the same program collected in the background.
/// A request costs one short suspension on the caller; the marking runs on the background thread,
/// below the game loop's priority. Only background collections count: a blocking one does not wake
/// the thread. The runtime is read once a second at most, since reading it allocates.
/// </remarks>
internal sealed class BackgroundCollectorKeepAlive
{
    /// <summary>The runtime's background thread exits after this long idle.</summary>
    public static readonly TimeSpan ThreadIdleTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest interval allowed: the idle timeout less the once-a-second reading and a second
    /// of slack for a late frame.
    /// </summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(18);

    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock;
    private readonly Func<long> _lastBackgroundCollection;
    private readonly Action _requestBackgroundCollection;
    private long _seen;
    private long _since;
    private long _checked;
    private long _requests;

    /// <summary>A keep-alive that counts its interval from now.</summary>
    /// <param name="interval">The longest time let pass without a background collection; at most <see cref="MaxInterval"/>.</param>
    /// <param name="clock">The clock (the system's when null).</param>
    /// <param name="lastBackgroundCollection">The index of the last background collection (the runtime's when null).</param>
    /// <param name="requestBackgroundCollection">Starts one without waiting (the runtime's when null).</param>
    public BackgroundCollectorKeepAlive(
        TimeSpan interval,
        TimeProvider? clock = null,
        Func<long>? lastBackgroundCollection = null,
        Action? requestBackgroundCollection = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, MaxInterval);
        Interval = interval;
        _clock = clock ?? TimeProvider.System;
        _lastBackgroundCollection = lastBackgroundCollection
            ?? (static () => GC.GetGCMemoryInfo(GCKind.Background).Index);
        _requestBackgroundCollection = requestBackgroundCollection
            ?? (static () => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false, compacting: false));
        _seen = _lastBackgroundCollection();
        _since = _checked = _clock.GetTimestamp();
    }

    /// <summary>
    /// True when the runtime collects in the background at all (concurrent collection on): otherwise
    /// every full collection blocks anyway and there is no thread to keep.
    /// </summary>
    public static bool IsUseful => GCSettings.LatencyMode is not GCLatencyMode.Batch;

    /// <summary>The longest time let pass without a background collection.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many collections this has requested; safe to read from any thread.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Called between frames: requests a background collection if none has run for
    /// <see cref="Interval"/>. Returns true when it did.
    /// </summary>
    public bool Poll()
    {
        var now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(_checked, now) < CheckPeriod)
        {
            return false;
        }

        _checked = now;
        var last = _lastBackgroundCollection();
        if (last != _seen)
        {
            _seen = last;
            _since = now;
            return false;
        }

        if (_clock.GetElapsedTime(_since, now) < Interval)
        {
            return false;
        }

        _requestBackgroundCollection();
        Interlocked.Increment(ref _requests);
        _since = now;
        return true;
    }
}
