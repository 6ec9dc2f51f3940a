namespace Hyperscape.Ecs.Game.Components;

/// <summary>One skill's level and experience. XP is in tenths (see <see cref="Rules.XpTable"/>).</summary>
/// <param name="Level">The level, 1..99, always <c>XpTable.LevelForXpTenths(XpTenths)</c>.</param>
/// <param name="XpTenths">Experience in tenths of a point.</param>
public record struct SkillProgress(int Level, int XpTenths);
