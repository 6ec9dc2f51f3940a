namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// The OSRS experience table. XP is kept in tenths so fractional awards (4/3 XP per point of
/// damage) accumulate exactly in integers, as OSRS itself stores it.
/// </summary>
/// <remarks>
/// The threshold of level L is <c>floor(sum_{l=1}^{L-1} floor(l + 300 * 2^(l/7)) / 4)</c>: each
/// term is floored, then only the quarter of the total, which is how OSRS computes it (level 2 at
/// 83 XP, 99 at 13,034,431). Flooring every step's quarter, as the original Hyperscape did, drifts
/// to 1,151 at level 10 and 13,034,394 at 99, which would break "constitution starts at 1,154 XP";
/// the tests pin the OSRS values.
/// </remarks>
public static class XpTable
{
    /// <summary>The highest level.</summary>
    public const int MaxLevel = 99;

    /// <summary>No skill gains XP past 200,000,000.</summary>
    public const int MaxXp = 200_000_000;

    /// <summary><see cref="MaxXp"/> in tenths.</summary>
    public const int MaxXpTenths = MaxXp * 10;

    private static readonly int[] Thresholds = BuildThresholds();

    /// <summary>The whole XP needed to reach <paramref name="level"/> (1..99).</summary>
    public static int XpForLevel(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        return Thresholds[level];
    }

    /// <summary>The level reached with <paramref name="xp"/> whole XP (negative counts as 0).</summary>
    public static int LevelForXp(int xp)
    {
        // Binary search for the highest threshold not above xp.
        int low = 1, high = MaxLevel;
        while (low < high)
        {
            var mid = (low + high + 1) >> 1;
            if (Thresholds[mid] <= xp)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>The level reached with <paramref name="xpTenths"/> tenths of XP.</summary>
    public static int LevelForXpTenths(int xpTenths) => LevelForXp(xpTenths / 10);

    /// <summary>Adds XP in tenths, saturating at <see cref="MaxXpTenths"/>; never negative.</summary>
    public static int AddTenths(int xpTenths, int gainTenths)
    {
        if (gainTenths <= 0)
        {
            return xpTenths;
        }

        var sum = (long)xpTenths + gainTenths;
        return (int)Math.Min(sum, MaxXpTenths);
    }

    private static int[] BuildThresholds()
    {
        var thresholds = new int[MaxLevel + 1];
        long points = 0;
        for (var level = 1; level <= MaxLevel; level++)
        {
            thresholds[level] = (int)(points / 4);
            points += (long)Math.Floor(level + (300.0 * Math.Pow(2.0, level / 7.0)));
        }

        return thresholds;
    }
}
