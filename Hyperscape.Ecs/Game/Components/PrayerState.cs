namespace Hyperscape.Ecs.Game.Components;

/// <summary>A player's prayer: the points left, the prayers on, and the drain carried between ticks.</summary>
public record struct PrayerState
{
    /// <summary>Prayer points left; at most the prayer level, restored at an altar or by dying.</summary>
    public int Points;

    /// <summary>The prayers on, one bit per <see cref="Rules.Prayer"/>.</summary>
    public int Active;

    /// <summary>Drain effect accumulated since the last point was taken (OSRS's drain counter).</summary>
    public int DrainCounter;

    /// <summary>True while <paramref name="prayer"/> is on.</summary>
    public readonly bool IsActive(Rules.Prayer prayer) => (Active & (1 << (int)prayer)) != 0;
}
