using System.Diagnostics;

namespace Hyperscape.Host.Networking;

/// <summary>Since when a connection's current write has been waiting for the socket (zero while none waits).</summary>
internal sealed class SendClock
{
    private long _blockedSince;

    /// <summary>How long the current write has waited.</summary>
    public TimeSpan Blocked
    {
        get
        {
            var since = Interlocked.Read(ref _blockedSince);
            return since == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(since);
        }
    }

    /// <summary>Awaits a write, running the clock while it waits.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Watch(ValueTask writing)
    {
        if (!writing.IsCompleted)
        {
            Interlocked.Exchange(ref _blockedSince, Stopwatch.GetTimestamp());
        }

        try
        {
            await writing.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _blockedSince, 0);
        }
    }
}
