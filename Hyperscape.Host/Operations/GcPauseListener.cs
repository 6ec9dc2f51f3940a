using System.Diagnostics.Tracing;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Measures every garbage collection's pause (from the runtime suspending managed threads to
/// resuming them) from the runtime's own GC events, in process: a pause stalls the game thread
/// like a slow tick, so its distribution belongs beside the tick's.
/// </summary>
public sealed class GcPauseListener : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBegin = 9;
    private const int SuspendEnd = 8;
    private const int RestartEnd = 3;

    private long _suspendedAt;

    /// <summary>Recent pauses, in milliseconds.</summary>
    public RecentPercentiles Pauses { get; } = new(4096);

    /// <summary>
    /// The part of each recent pause spent stopping the managed threads, in milliseconds: on an
    /// oversubscribed core every running thread must be scheduled to reach a safe point, so this
    /// part grows with runnable threads, not with the heap.
    /// </summary>
    public RecentPercentiles Suspensions { get; } = new(4096);

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
        switch (eventData.EventId)
        {
            case SuspendBegin:
                Interlocked.Exchange(ref _suspendedAt, eventData.TimeStamp.Ticks);
                break;
            case SuspendEnd:
                var began = Interlocked.Read(ref _suspendedAt);
                if (began != 0)
                {
                    Suspensions.Add(TimeSpan.FromTicks(eventData.TimeStamp.Ticks - began).TotalMilliseconds);
                }

                break;
            case RestartEnd:
                var suspendedAt = Interlocked.Exchange(ref _suspendedAt, 0);
                if (suspendedAt != 0)
                {
                    Pauses.Add(TimeSpan.FromTicks(eventData.TimeStamp.Ticks - suspendedAt).TotalMilliseconds);
                }

                break;
        }
    }
}
