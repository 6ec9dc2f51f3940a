using System.Runtime.InteropServices;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// Raises the calling thread's scheduling priority on Linux (a lower nice value), so the game loop
/// is not kept waiting behind socket and thread-pool work when the server's cores are busy. Only a
/// process allowed to (root, or CAP_SYS_NICE) may; anywhere else the thread keeps its priority.
/// </summary>
internal static class GameThreadPriority
{
    private const int PriorityOfProcess = 0;

    /// <summary>Sets the calling thread's nice value; returns why not when it could not (null when it did).</summary>
    public static string? TrySet(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "thread priorities are set on Linux only";
        }

        try
        {
            // PRIO_PROCESS with a thread id sets that one thread (Linux threads are tasks).
            return SetPriority(PriorityOfProcess, GetThreadId(), nice) == 0
                ? null
                : $"setpriority failed with errno {Marshal.GetLastPInvokeError()} (raising a priority needs root or CAP_SYS_NICE)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without gettid (before glibc 2.30) or not found as "libc": the loop runs as it is.
            return $"the C library's setpriority or gettid could not be called ({e.GetType().Name})";
        }
    }

    // Plain DllImport: both signatures are blittable, so no marshalling code is generated for them,
    // and LibraryImport would make the whole Host compile with unsafe code allowed.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
