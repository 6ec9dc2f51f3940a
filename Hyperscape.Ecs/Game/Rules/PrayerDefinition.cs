namespace Hyperscape.Ecs.Game.Rules;

/// <summary>What a prayer needs, costs and does. Data: the book is a table, not code.</summary>
/// <param name="Prayer">Which prayer.</param>
/// <param name="Name">Its name.</param>
/// <param name="Level">The prayer level it needs.</param>
/// <param name="Drain">
/// Its drain effect: added to the drain counter every tick it is on (OSRS's values: 1 for the
/// first boosts, 6 for the second, 12 for the third and the protections).
/// </param>
/// <param name="Group">The group it excludes others from.</param>
/// <param name="AttackPercent">Percent added to the attack level.</param>
/// <param name="StrengthPercent">Percent added to the strength level.</param>
/// <param name="DefencePercent">Percent added to the defence level.</param>
/// <param name="Protects">For a protection prayer, the kind of attack it blocks; null otherwise.</param>
/// <param name="RangedPercent">Percent added to the ranged level (accuracy and damage).</param>
/// <param name="MagicPercent">Percent added to the magic level (accuracy).</param>
public sealed record PrayerDefinition(
    Prayer Prayer,
    string Name,
    int Level,
    int Drain,
    PrayerGroup Group,
    int AttackPercent = 0,
    int StrengthPercent = 0,
    int DefencePercent = 0,
    CombatClass? Protects = null,
    int RangedPercent = 0,
    int MagicPercent = 0)
{
    /// <summary>The string id content files name it by.</summary>
    public string Key { get; init; } = Content.ContentKey.Of(Name);

    /// <summary>This prayer's bit in an active set.</summary>
    public int Bit => 1 << (int)Prayer;

    /// <summary>
    /// True when switching this prayer on switches <paramref name="other"/> off: the same group,
    /// or, as OSRS has it, a ranged or magic boost against any other offensive boost.
    /// </summary>
    public bool Excludes(PrayerDefinition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        static bool Offensive(PrayerGroup group) => group is PrayerGroup.Attack or PrayerGroup.Strength or PrayerGroup.Ranged or PrayerGroup.Magic;
        return other.Group == Group
            || (Offensive(Group) && Offensive(other.Group) && (Group is PrayerGroup.Ranged or PrayerGroup.Magic || other.Group is PrayerGroup.Ranged or PrayerGroup.Magic));
    }

    /// <summary>True when it blocks an attack of <paramref name="type"/>: Protect from Melee blocks stabs, slashes and crushes.</summary>
    public bool Blocks(AttackType type) => Protects == PrayerRules.ClassOf(type);
}
