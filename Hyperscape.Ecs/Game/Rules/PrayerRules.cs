using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>OSRS's prayer rules as pure functions: drain, boosts, protection, switching on and off.</summary>
public static class PrayerRules
{
    /// <summary>The drain resistance with no prayer bonus: a drain effect of 1 takes a point every 60 ticks.</summary>
    public const int BaseDrainResistance = 60;

    /// <summary>Drain resistance: <c>60 + 2 × prayer bonus</c>, never below 1.</summary>
    public static int DrainResistance(int prayerBonus) => Math.Max(1, BaseDrainResistance + (2 * prayerBonus));

    /// <summary>The summed drain effect of the prayers of <paramref name="book"/> in <paramref name="active"/>.</summary>
    public static int DrainEffect(PrayerBook book, int active)
    {
        ArgumentNullException.ThrowIfNull(book);
        var effect = 0;
        foreach (var prayer in book.Span)
        {
            if ((active & prayer.Bit) != 0)
            {
                effect += prayer.Drain;
            }
        }

        return effect;
    }

    /// <summary>
    /// One tick of drain: the counter grows by the active prayers' drain effect, and each time it
    /// passes the resistance a point goes. True when the points ran out this tick: every prayer
    /// is then switched off.
    /// </summary>
    public static bool Drain(PrayerBook book, ref PrayerState prayer, int prayerBonus)
    {
        if (prayer.Active == 0)
        {
            return false;
        }

        var resistance = DrainResistance(prayerBonus);
        prayer.DrainCounter += DrainEffect(book, prayer.Active);
        while (prayer.DrainCounter > resistance && prayer.Points > 0)
        {
            prayer.Points--;
            prayer.DrainCounter -= resistance;
        }

        if (prayer.Points > 0)
        {
            return false;
        }

        prayer.Active = 0;
        prayer.DrainCounter = 0;
        return true;
    }

    /// <summary>
    /// Switches <paramref name="prayer"/> on or off. On needs its level and a point left, and turns
    /// off the other prayers of its group.
    /// </summary>
    public static RejectionReason Toggle(PrayerBook book, ref PrayerState state, Prayer prayer, bool on, int prayerLevel)
    {
        ArgumentNullException.ThrowIfNull(book);
        var definition = book.Get(prayer);
        if (!on)
        {
            state.Active &= ~definition.Bit;
            return RejectionReason.None;
        }

        if (prayerLevel < definition.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        if (state.Points <= 0)
        {
            return RejectionReason.NoPrayerPoints;
        }

        foreach (var other in book.Span)
        {
            if (definition.Excludes(other))
            {
                state.Active &= ~other.Bit;
            }
        }

        state.Active |= definition.Bit;
        return RejectionReason.None;
    }

    /// <summary>A level raised by a prayer's percentage, rounded down: <c>floor(level × (100 + percent) / 100)</c>.</summary>
    public static int Boost(int level, int percent) => level * (100 + percent) / 100;

    /// <summary>The attack, strength and defence percentages the prayers in <paramref name="active"/> add.</summary>
    public static (int Attack, int Strength, int Defence) Percentages(PrayerBook book, int active)
    {
        ArgumentNullException.ThrowIfNull(book);
        int attack = 0, strength = 0, defence = 0;
        foreach (var prayer in book.Span)
        {
            if ((active & prayer.Bit) != 0)
            {
                attack += prayer.AttackPercent;
                strength += prayer.StrengthPercent;
                defence += prayer.DefencePercent;
            }
        }

        return (attack, strength, defence);
    }

    /// <summary>The ranged and magic percentages the prayers in <paramref name="active"/> add.</summary>
    public static (int Ranged, int Magic) MissilePercentages(PrayerBook book, int active)
    {
        ArgumentNullException.ThrowIfNull(book);
        int ranged = 0, magic = 0;
        foreach (var prayer in book.Span)
        {
            if ((active & prayer.Bit) != 0)
            {
                ranged += prayer.RangedPercent;
                magic += prayer.MagicPercent;
            }
        }

        return (ranged, magic);
    }

    /// <summary>True when a prayer in <paramref name="active"/> blocks an attack of <paramref name="type"/>.</summary>
    public static bool Blocks(PrayerBook book, int active, AttackType type)
    {
        ArgumentNullException.ThrowIfNull(book);
        foreach (var prayer in book.Span)
        {
            if ((active & prayer.Bit) != 0 && prayer.Blocks(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kind of combat an attack type belongs to.</summary>
    public static CombatClass ClassOf(AttackType type) => type switch
    {
        AttackType.Ranged => CombatClass.Ranged,
        AttackType.Magic => CombatClass.Magic,
        _ => CombatClass.Melee,
    };
}
