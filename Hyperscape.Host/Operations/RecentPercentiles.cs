using System.Diagnostics;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Exact percentiles over the last N samples (a ring buffer), optionally only those of a recent
/// time window (a load test asks for its own minute, not the login storm before it); thread-safe.
/// </summary>
public sealed class RecentPercentiles(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private readonly long[] _timestamps = new long[capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    /// <summary>Adds a sample, replacing the oldest when full.</summary>
    public void Add(double value)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _samples[_next] = value;
            _timestamps[_next] = now;
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
        }
    }

    /// <summary>The samples held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>The p-th percentile (0..100) of the samples held, nearest-rank; 0 when empty.</summary>
    public double Percentile(double p) => Percentile(p, window: null);

    /// <summary>The p-th percentile (0..100) of the samples added within <paramref name="window"/> (all held when null); 0 when none.</summary>
    public double Percentile(double p, TimeSpan? window)
    {
        var copy = Window(window);
        if (copy.Length == 0)
        {
            return 0;
        }

        Array.Sort(copy);
        var rank = (int)Math.Ceiling(p / 100.0 * copy.Length);
        return copy[Math.Clamp(rank - 1, 0, copy.Length - 1)];
    }

    /// <summary>The samples added within <paramref name="window"/> (all held when null), oldest first.</summary>
    public double[] Window(TimeSpan? window)
    {
        var since = window is { } span ? Stopwatch.GetTimestamp() - (long)(span.TotalSeconds * Stopwatch.Frequency) : long.MinValue;
        lock (_gate)
        {
            var result = new List<double>(_count);
            var oldest = (_next - _count + _samples.Length) % _samples.Length;
            for (var i = 0; i < _count; i++)
            {
                var index = (oldest + i) % _samples.Length;
                if (_timestamps[index] >= since)
                {
                    result.Add(_samples[index]);
                }
            }

            return [.. result];
        }
    }
}
