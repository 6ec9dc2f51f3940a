namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// What an NPC leaves when it dies: every <see cref="Always"/> entry, plus one roll on
/// <see cref="Weighted"/> where <see cref="NothingWeight"/> is the chance of no extra drop.
/// </summary>
/// <param name="Always">Dropped on every kill (bones, typically).</param>
/// <param name="Weighted">One of these, by weight, or nothing.</param>
/// <param name="NothingWeight">The weight of dropping nothing extra.</param>
public sealed record DropTable(DropEntry[] Always, DropEntry[] Weighted, int NothingWeight)
{
    /// <summary>A table that drops nothing.</summary>
    public static DropTable Empty { get; } = new([], [], 1);

    /// <summary>The sum of all weights of the roll.</summary>
    public int TotalWeight => NothingWeight + Weighted.Sum(e => e.Weight);
}
