namespace Hyperscape.Host.Networking;

/// <summary>
/// A token bucket: <see cref="Rate"/> tokens a second up to <see cref="Burst"/>. A mutable struct
/// kept in its owner's array and taken through a reference, so the dozens of buckets of every
/// connection are one object to the garbage collector rather than dozens. Not thread-safe.
/// </summary>
public struct TokenBucket
{
    private double _tokens;
    private long _last;

    /// <summary>A full bucket whose time starts at <paramref name="timestamp"/>.</summary>
    public TokenBucket(double rate, double burst, long timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        Rate = rate;
        Burst = burst;
        _tokens = burst;
        _last = timestamp;
    }

    /// <summary>Tokens per second.</summary>
    public readonly double Rate { get; }

    /// <summary>The most tokens held.</summary>
    public readonly double Burst { get; }

    /// <summary>Takes one token if there is one, refilling for the time since the last call.</summary>
    /// <param name="timestamp">Now, from <paramref name="clock"/>'s <see cref="TimeProvider.GetTimestamp"/>.</param>
    /// <param name="clock">The clock the timestamps come from.</param>
    public bool TryTake(long timestamp, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _tokens = Math.Min(Burst, _tokens + (clock.GetElapsedTime(_last, timestamp).TotalSeconds * Rate));
        _last = timestamp;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
