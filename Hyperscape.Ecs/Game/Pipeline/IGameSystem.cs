namespace Hyperscape.Ecs.Game.Pipeline;

/// <summary>
/// One phase of the tick. The built-in phases implement it, and an embedder adds its own with a
/// <see cref="SystemRegistration"/>: a system runs once per tick, on the tick thread, in its place
/// in the order, and its time shows in the per-phase durations.
/// </summary>
public interface IGameSystem
{
    /// <summary>Runs the phase for <see cref="TickContext.Tick"/>.</summary>
    void Update(TickContext context);
}
