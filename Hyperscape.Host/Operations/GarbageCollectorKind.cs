using System.Runtime;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Which garbage collector the process runs, said once at start-up: the pause figures depend on
/// it, and the collector is chosen by the runtime configuration, which a deployment may change.
/// </summary>
public static class GarbageCollectorKind
{
    private const string SegmentsLibrary = "libclrgc.so";

    /// <summary>For example "workstation, concurrent, segments (libclrgc.so)".</summary>
    public static string Describe()
    {
        var flavour = GCSettings.IsServerGC ? "server" : "workstation";
        // Batch is the latency mode of a process whose collector may not run concurrently, however that was configured.
        var concurrent = GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent";
        return $"{flavour}, {concurrent}, {(SegmentsLoaded() ? $"segments ({SegmentsLibrary})" : "built in")}";
    }

    // The runtime loads a standalone collector by file name from its own folder; the process's
    // memory map is the one place that says it did.
    private static bool SegmentsLoaded()
    {
        try
        {
            return OperatingSystem.IsLinux() && File.ReadLines("/proc/self/maps").Any(line => line.EndsWith("/" + SegmentsLibrary, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
