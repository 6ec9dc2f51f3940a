using System.Runtime.InteropServices;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// Sets one thread's nice value on Linux: <c>setpriority</c> with a thread id sets that thread alone,
/// Linux threads being tasks. Raising a priority (a lower nice) needs root or CAP_SYS_NICE.
/// </summary>
internal static class ThreadNice
{
    private const int PriorityOfProcess = 0;

    /// <summary>Sets the nice value of thread <paramref name="threadId"/>; returns why not when it could not (null when it did).</summary>
    public static string? TrySet(int threadId, int nice)
    {
        try
        {
            return SetPriority(PriorityOfProcess, threadId, nice) == 0
                ? null
                : $"setpriority failed with errno {Marshal.GetLastPInvokeError()} (raising a priority needs root or CAP_SYS_NICE)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"the C library's setpriority could not be called ({e.GetType().Name})";
        }
    }

    /// <summary>The calling thread's id, or null where the C library has no <c>gettid</c> (before glibc 2.30).</summary>
    public static int? CurrentThreadId()
    {
        try
        {
            return GetThreadId();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // Plain DllImport: both signatures are blittable, so no marshalling code is generated for them,
    // and LibraryImport would make the whole Host compile with unsafe code allowed.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
