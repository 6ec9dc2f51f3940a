using System.Collections.Concurrent;

namespace Hyperscape.Benchmarks.Load;

/// <summary>What all bots saw, counted with interlocked adds from their receive loops.</summary>
internal sealed class BotStats
{
    private long _bytes;
    private long _messages;
    private long _actions;
    private long _errors;
    private long _refusedActions;
    private long _closedByServer;
    private long _failedToEnter;
    private long _undecodable;
    private long _crossingsFailed;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Messages => Interlocked.Read(ref _messages);

    public long Actions => Interlocked.Read(ref _actions);

    /// <summary>Error messages from the server (protocol level: rate limits, malformed, refusals).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Actions the game refused (a rejection event), e.g. attacking an NPC out of reach.</summary>
    public long RefusedActions => Interlocked.Read(ref _refusedActions);

    public long ClosedByServer => Interlocked.Read(ref _closedByServer);

    public long FailedToEnter => Interlocked.Read(ref _failedToEnter);

    /// <summary>Messages from the server a bot could not decode (malformed or cut short): always a defect.</summary>
    public long UndecodableMessages => Interlocked.Read(ref _undecodable);

    /// <summary>Border crossings the bots followed to another zone, and each one's time from the ZoneChange to the EnteredWorld there.</summary>
    public ConcurrentBag<double> Crossings { get; } = [];

    /// <summary>Crossings that failed to reconnect at the other zone.</summary>
    public long CrossingsFailed => Interlocked.Read(ref _crossingsFailed);

    public void Crossed(double milliseconds) => Crossings.Add(milliseconds);

    public void CrossingFailed() => Interlocked.Increment(ref _crossingsFailed);

    public void Received(int bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _messages);
    }

    public void Acted() => Interlocked.Increment(ref _actions);

    public void Error() => Interlocked.Increment(ref _errors);

    public void Refused() => Interlocked.Increment(ref _refusedActions);

    /// <summary>How the server closed the bots it closed: status and reason, counted.</summary>
    public ConcurrentDictionary<string, int> Closes { get; } = new();

    public void Closed(string? why = null)
    {
        Interlocked.Increment(ref _closedByServer);
        if (why is not null)
        {
            Closes.AddOrUpdate(why, 1, (_, count) => count + 1);
        }
    }

    public void EnterFailed() => Interlocked.Increment(ref _failedToEnter);

    public void Undecodable() => Interlocked.Increment(ref _undecodable);
}
