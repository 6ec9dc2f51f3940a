namespace Hyperscape.Ecs.Game.Events;

/// <summary>The events of one tick: an array reused tick after tick, so emitting allocates nothing once warm.</summary>
internal sealed class EventBuffer
{
    private GameEvent[] _events = new GameEvent[256];

    /// <summary>The number of events.</summary>
    public int Count { get; private set; }

    /// <summary>The events, in the order they happened.</summary>
    public ReadOnlySpan<GameEvent> AsSpan() => new(_events, 0, Count);

    /// <summary>Appends an event.</summary>
    public void Add(in GameEvent gameEvent)
    {
        if (Count == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }

        _events[Count++] = gameEvent;
    }

    /// <summary>Forgets every event, keeping the capacity.</summary>
    public void Clear() => Count = 0;
}
