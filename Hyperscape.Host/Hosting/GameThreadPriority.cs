namespace Hyperscape.Host.Hosting;

/// <summary>
/// Raises the calling thread's scheduling priority on Linux (a lower nice value), so the game loop
/// is not kept waiting behind socket and thread-pool work when the server's cores are busy. Only a
/// process allowed to (root, or CAP_SYS_NICE) may; anywhere else the thread keeps its priority.
/// </summary>
internal static class GameThreadPriority
{
    /// <summary>Sets the calling thread's nice value; returns why not when it could not (null when it did).</summary>
    public static string? TrySet(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "thread priorities are set on Linux only";
        }

        return ThreadNice.CurrentThreadId() is { } thread
            ? ThreadNice.TrySet(thread, nice)
            : "the C library's gettid could not be called";
    }
}
