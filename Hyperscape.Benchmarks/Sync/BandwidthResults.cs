using System.Collections.Concurrent;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>Bytes per client per second measured by the in-process bandwidth benchmarks, by method name.</summary>
public static class BandwidthResults
{
    public static ConcurrentDictionary<string, double> BytesPerClientPerSecond { get; } = new();
}
