using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// One obstacle of an agility course: an object on <paramref name="At"/> crossed from a tile
/// beside it to <paramref name="Landing"/> in <see cref="Ticks"/>, for XP; it can fail, hurting
/// the player and dropping them at <see cref="FailLanding"/>. Data, from the world file.
/// </summary>
/// <param name="Name">Display name ("Log balance").</param>
/// <param name="At">The obstacle's tile (it blocks it).</param>
/// <param name="Landing">Where a crossing ends.</param>
/// <param name="Level">The agility level needed.</param>
/// <param name="XpTenths">XP for a crossing, in tenths.</param>
public sealed record AgilityObstacle(string Name, Tile At, Tile Landing, int Level, int XpTenths)
{
    /// <summary>Ticks a crossing takes (the player is busy until it ends).</summary>
    public int Ticks { get; init; } = 2;

    /// <summary>The roll out of 256 to get across at level 1 (the skilling roll, as <see cref="GatheringRules.SuccessRoll"/>); 256 never fails.</summary>
    public int Low { get; init; } = 256;

    /// <summary>The roll at level 99.</summary>
    public int High { get; init; } = 256;

    /// <summary>The most damage a fall does (1 to this).</summary>
    public int Damage { get; init; }

    /// <summary>Where a fall leaves the player.</summary>
    public Tile FailLanding { get; init; }

    /// <summary>True when the obstacle can be failed at some level (a roll of 256 or more never fails).</summary>
    public bool CanFail => Low < 256 || High < 256;
}
