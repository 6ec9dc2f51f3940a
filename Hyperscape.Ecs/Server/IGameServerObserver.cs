namespace Hyperscape.Ecs.Server;

/// <summary>Hears the timings of a <see cref="GameServer"/>'s ticks and frames (a host's metrics). Called on the game thread.</summary>
public interface IGameServerObserver
{
    /// <summary>A tick was computed: its whole duration, and each phase's (an embedder's included) in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    void TickComputed(TimeSpan duration, IReadOnlyList<string> phaseNames, ReadOnlySpan<long> phaseStopwatchTicks);

    /// <summary>A frame's packets were built and handed to the sink.</summary>
    void FrameBuilt(TimeSpan duration);
}
