namespace Hyperscape.Host.Networking;

/// <summary>A token bucket: <see cref="Rate"/> tokens a second up to <see cref="Burst"/>. Not thread-safe.</summary>
public sealed class TokenBucket(double rate, double burst, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private double _tokens = burst;
    private long _last = (clock ?? TimeProvider.System).GetTimestamp();

    /// <summary>Tokens per second.</summary>
    public double Rate { get; } = rate;

    /// <summary>The most tokens held.</summary>
    public double Burst { get; } = burst;

    /// <summary>Takes one token if there is one.</summary>
    public bool TryTake()
    {
        var now = _clock.GetTimestamp();
        _tokens = Math.Min(Burst, _tokens + (_clock.GetElapsedTime(_last, now).TotalSeconds * Rate));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
