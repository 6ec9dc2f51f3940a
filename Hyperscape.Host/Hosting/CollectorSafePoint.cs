using System.Runtime.InteropServices;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// A point where the game thread stops at once for a garbage collection that is waiting to begin:
/// a call into the C library, which the runtime leaves and re-enters like any native call, and on
/// the way back in a thread stops when the collector has asked every thread to.
/// </summary>
/// <remarks>
/// <para>
/// Why the loop needs one: a collection starts on whichever thread's allocation ran out of budget,
/// usually a thread-pool thread at normal priority, and it can only begin once every thread running
/// managed code has stopped. The runtime stops a running thread by interrupting it and, where it is
/// not at a point the collector can describe, by redirecting the return of the method it is in. On
/// one busy core, the game loop at nice -20 then runs on until that method returns, and the
/// collecting thread, at normal priority, gets the core back only when the loop next waits: traced
/// at 2,000 pinned bots, one or two collections a minute took 32-38 ms to stop the threads, against
/// under 1 ms for the rest.
/// </para>
/// <para>
/// The loop offers one for every packet it hands to a connection and for every connection it flushes,
/// so it stops within one client's work. The call does no work of its own (the C library's
/// <c>abs</c>); what it costs is the transition, tens of thousands of times a second at 2,000
/// clients, and the runs with it used no more of the core than those without.
/// </para>
/// </remarks>
internal static class CollectorSafePoint
{
    /// <summary>Whether <see cref="Offer"/> can be called here; returns why not when it cannot (null when it can).</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "thread priorities are raised on Linux only";
        }

        try
        {
            return AbsoluteValue(-1) == 1 ? null : "the C library's abs answered wrongly";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"the C library's abs could not be called ({e.GetType().Name})";
        }
    }

    /// <summary>Stops here if a collection is waiting for this thread; call only where <see cref="Unavailable"/> returned null.</summary>
    public static void Offer() => AbsoluteValue(0);

    // A plain DllImport of a blittable signature: the JIT calls it inline, with the transition out of
    // and back into managed code that makes the return a point where the thread can be stopped.
    [DllImport("libc", EntryPoint = "abs")]
    private static extern int AbsoluteValue(int value);
}
