namespace Hyperscape.Host.Operations;

/// <summary>Exact percentiles over the last N samples (a ring buffer); thread-safe.</summary>
public sealed class RecentPercentiles(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    /// <summary>Adds a sample, replacing the oldest when full.</summary>
    public void Add(double value)
    {
        lock (_gate)
        {
            _samples[_next] = value;
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
    public double Percentile(double p)
    {
        double[] copy;
        lock (_gate)
        {
            copy = _samples.AsSpan(0, _count).ToArray();
        }

        if (copy.Length == 0)
        {
            return 0;
        }

        Array.Sort(copy);
        var rank = (int)Math.Ceiling(p / 100.0 * copy.Length);
        return copy[Math.Clamp(rank - 1, 0, copy.Length - 1)];
    }
}
