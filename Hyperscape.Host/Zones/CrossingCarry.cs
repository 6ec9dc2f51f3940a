using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Host.Zones;

/// <summary>
/// What a crossing carries besides the stored character: where the player was walking and its
/// combat clocks, so it walks on and fights on as if no border were there.
/// </summary>
/// <param name="WalkToX">The tile it was walking to (-1: it stood still).</param>
/// <param name="WalkToZ">The tile it was walking to (-1: it stood still).</param>
/// <param name="AttackIn">Ticks until its next attack may land.</param>
/// <param name="EatIn">Ticks until it may eat again.</param>
/// <param name="InCombatFor">Ticks it still counts as in combat.</param>
[GenerateSerializer, Immutable]
public readonly record struct CrossingCarry(
    [property: Id(0)] int WalkToX,
    [property: Id(1)] int WalkToZ,
    [property: Id(2)] int AttackIn,
    [property: Id(3)] int EatIn,
    [property: Id(4)] int InCombatFor)
{
    /// <summary>Where it was walking, if anywhere.</summary>
    public Tile? WalkTo => WalkToX >= 0 && WalkToZ >= 0 ? new Tile(WalkToX, WalkToZ) : null;

    /// <summary>Its combat clocks.</summary>
    public CombatTimers Timers => new(AttackIn, EatIn, InCombatFor);
}
