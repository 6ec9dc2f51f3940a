namespace Hyperscape.Ecs.Game.Pipeline;

/// <summary>
/// An embedder's system and its place in the tick: a name (for metrics and logs), the built-in
/// phase it runs next to, and a factory called once when the simulation is built, so the system
/// can resolve its queries against that simulation's world.
/// </summary>
/// <param name="Name">The phase name in per-phase durations: lowercase letters, digits and '-'.</param>
/// <param name="Anchor">The built-in phase it is placed next to.</param>
/// <param name="Placement">Before or after the anchor.</param>
/// <param name="Create">Builds the system for one simulation.</param>
public sealed record SystemRegistration(string Name, TickPhase Anchor, SystemPlacement Placement, Func<TickContext, IGameSystem> Create)
{
    /// <summary>A system that runs just before <paramref name="anchor"/>.</summary>
    public static SystemRegistration Before(TickPhase anchor, string name, Func<TickContext, IGameSystem> create) => new(name, anchor, SystemPlacement.Before, create);

    /// <summary>A system that runs just after <paramref name="anchor"/>.</summary>
    public static SystemRegistration After(TickPhase anchor, string name, Func<TickContext, IGameSystem> create) => new(name, anchor, SystemPlacement.After, create);
}
