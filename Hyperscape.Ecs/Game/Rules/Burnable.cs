namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Logs that light: the firemaking level and XP, the odds of an attempt, and what lights them.</summary>
/// <param name="Level">Firemaking level needed.</param>
/// <param name="XpTenths">XP for a fire lit, in tenths (logs 400).</param>
/// <param name="ToolId">The item that lights them (a tinderbox).</param>
/// <param name="Low">The roll at level 1, out of 256 (as <see cref="GatheringRules.SuccessRoll"/>).</param>
/// <param name="High">The roll at level 99.</param>
public sealed record Burnable(int Level, int XpTenths, int ToolId, int Low, int High)
{
    /// <summary>What the fire leaves on the ground when it goes out (ashes), 0 for nothing.</summary>
    public int AshesId { get; init; }
}
