namespace Hyperscape.Host.Zones;

/// <summary>How long each step of a crossing may take, in milliseconds.</summary>
/// <param name="Durable">How long a frozen player waits for its item transactions to be durable before the crossing is given up.</param>
/// <param name="FirstRetry">The first wait before a failed commit or an unanswered doorbell is tried again; it doubles each time.</param>
/// <param name="LongestRetry">The longest wait between two tries.</param>
/// <param name="RingFor">How long the doorbell is rung before the client is sent to log in at the other zone without a token.</param>
internal sealed record HandOffTimeouts(long Durable = 5_000, long FirstRetry = 100, long LongestRetry = 2_000, long RingFor = 10_000)
{
    /// <summary>The defaults: 5 s to become durable, retries from 100 ms to 2 s, 10 s of ringing.</summary>
    public static HandOffTimeouts Default { get; } = new();
}
