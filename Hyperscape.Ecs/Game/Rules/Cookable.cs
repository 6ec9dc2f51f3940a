namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Raw food that cooks on a fire or a range: what it becomes, the odds of not burning it, and when it stops burning.</summary>
/// <param name="IntoId">The cooked item.</param>
/// <param name="BurntId">The burnt item.</param>
/// <param name="Level">Cooking level needed.</param>
/// <param name="XpTenths">XP for one cooked (nothing for one burnt), in tenths.</param>
/// <param name="Low">The roll to cook it at level 1, out of 256.</param>
/// <param name="High">The roll at level 99.</param>
/// <param name="StopBurn">From this level on it never burns.</param>
public sealed record Cookable(int IntoId, int BurntId, int Level, int XpTenths, int Low, int High, int StopBurn)
{
    /// <summary>The roll out of 256 to cook rather than burn at <paramref name="level"/>: certain from <see cref="StopBurn"/>.</summary>
    public int CookRoll(int level) => level >= StopBurn ? 256 : GatheringRules.SuccessRoll(Low, High, level);
}
