using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Measures every garbage collection's pause from the runtime's own GC events, in process: a pause
/// stalls the game thread like a slow tick, so its distribution belongs beside the tick's.
/// </summary>
/// <remarks>
/// A pause runs from the runtime starting to suspend managed threads to it starting to restart
/// them: the runtime's own definition (<see cref="GC.GetTotalPauseDuration"/>, the
/// <c>dotnet.gc.pause.time</c> counter). The restart itself is measured apart
/// (<see cref="Resumptions"/>): once the collecting thread has released the others, a
/// higher-priority thread (the game loop at a lower nice) takes the core at once, and the
/// collecting thread reports "restarted" only when the scheduler gives it the core back. The other
/// threads run meanwhile, so that wait is contention for the core, not a stop of the process.
/// </remarks>
public sealed class GcPauseListener : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBegin = 9;
    private const int SuspendEnd = 8;
    private const int RestartBegin = 7;
    private const int RestartEnd = 3;

    private long _suspendedAt;
    private long _restartedAt;

    /// <summary>Recent pauses (suspension begun to restart begun), in milliseconds.</summary>
    public RecentPercentiles Pauses { get; } = new(4096);

    /// <summary>
    /// The part of each recent pause spent stopping the managed threads, in milliseconds: on an
    /// oversubscribed core every running thread must be scheduled to reach a safe point, so this
    /// part grows with runnable threads, not with the heap.
    /// </summary>
    public RecentPercentiles Suspensions { get; } = new(4096);

    /// <summary>
    /// For each recent collection, the time from the collecting thread releasing the other threads
    /// to it running again, in milliseconds: how long it waited for a busy core (not a pause).
    /// </summary>
    public RecentPercentiles Resumptions { get; } = new(4096);

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var at = eventData.TimeStamp.ToUniversalTime().Ticks;
        switch (eventData.EventId)
        {
            case SuspendBegin:
                Interlocked.Exchange(ref _suspendedAt, at);
                break;
            case SuspendEnd:
                AddSince(Suspensions, Interlocked.Read(ref _suspendedAt), at);
                break;
            case RestartBegin:
                AddSince(Pauses, Interlocked.Exchange(ref _suspendedAt, 0), at);
                Interlocked.Exchange(ref _restartedAt, at);
                break;
            case RestartEnd:
                AddSince(Resumptions, Interlocked.Exchange(ref _restartedAt, 0), at);
                break;
        }
    }

    private static void AddSince(RecentPercentiles samples, long began, long at)
    {
        if (began != 0)
        {
            samples.Add(TimeSpan.FromTicks(at - began).TotalMilliseconds, TakenAt(at));
        }
    }

    /// <summary>
    /// The event's own time as a <see cref="Stopwatch"/> timestamp. Events reach the listener from a
    /// dispatcher thread that on a saturated core may run late: stamped on arrival, a warm-up
    /// collection's pause could be counted in the minute measured after it.
    /// </summary>
    private static long TakenAt(long eventTicksUtc)
    {
        var age = DateTime.UtcNow.Ticks - eventTicksUtc;
        return Stopwatch.GetTimestamp() - (long)(Math.Max(age, 0) * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
    }
}
