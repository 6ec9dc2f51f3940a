namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The standard prayers, indexed by <see cref="Prayer"/>, with OSRS's levels and drain effects.</summary>
public static class PrayerBook
{
    private static readonly PrayerDefinition[] Prayers =
    [
        new(Prayer.ThickSkin, "Thick Skin", 1, 1, PrayerGroup.Defence, DefencePercent: 5),
        new(Prayer.BurstOfStrength, "Burst of Strength", 4, 1, PrayerGroup.Strength, StrengthPercent: 5),
        new(Prayer.ClarityOfThought, "Clarity of Thought", 7, 1, PrayerGroup.Attack, AttackPercent: 5),
        new(Prayer.RockSkin, "Rock Skin", 10, 6, PrayerGroup.Defence, DefencePercent: 10),
        new(Prayer.SuperhumanStrength, "Superhuman Strength", 13, 6, PrayerGroup.Strength, StrengthPercent: 10),
        new(Prayer.ImprovedReflexes, "Improved Reflexes", 16, 6, PrayerGroup.Attack, AttackPercent: 10),
        new(Prayer.SteelSkin, "Steel Skin", 28, 12, PrayerGroup.Defence, DefencePercent: 15),
        new(Prayer.UltimateStrength, "Ultimate Strength", 31, 12, PrayerGroup.Strength, StrengthPercent: 15),
        new(Prayer.IncredibleReflexes, "Incredible Reflexes", 34, 12, PrayerGroup.Attack, AttackPercent: 15),
        new(Prayer.ProtectFromMagic, "Protect from Magic", 37, 12, PrayerGroup.Protection, Protects: CombatClass.Magic),
        new(Prayer.ProtectFromMissiles, "Protect from Missiles", 40, 12, PrayerGroup.Protection, Protects: CombatClass.Ranged),
        new(Prayer.ProtectFromMelee, "Protect from Melee", 43, 12, PrayerGroup.Protection, Protects: CombatClass.Melee),
    ];

    /// <summary>Every prayer, in <see cref="Prayer"/> order.</summary>
    public static IReadOnlyList<PrayerDefinition> All => Prayers;

    /// <summary>Every prayer as a span: the tick walks it without an enumerator.</summary>
    internal static ReadOnlySpan<PrayerDefinition> Span => Prayers;

    /// <summary>The number of prayers.</summary>
    public static int Count => Prayers.Length;

    /// <summary>The definition of <paramref name="prayer"/>.</summary>
    public static PrayerDefinition Get(Prayer prayer) => Prayers[(int)prayer];

    /// <summary>True for a value the book holds (it arrives from clients).</summary>
    public static bool IsDefined(int prayer) => (uint)prayer < (uint)Prayers.Length;
}
