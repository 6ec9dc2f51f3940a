using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// The combat options of each weapon category, as OSRS lists them: the button a player presses
/// picks both the attack type and the stance.
/// </summary>
public static class WeaponStyles
{
    private static readonly CombatOption[] Unarmed =
    [
        new("Punch", AttackType.Crush, AttackStyle.Accurate),
        new("Kick", AttackType.Crush, AttackStyle.Aggressive),
        new("Block", AttackType.Crush, AttackStyle.Defensive),
    ];

    private static readonly CombatOption[] Sword =
    [
        new("Stab", AttackType.Stab, AttackStyle.Accurate),
        new("Lunge", AttackType.Stab, AttackStyle.Aggressive),
        new("Slash", AttackType.Slash, AttackStyle.Aggressive),
        new("Block", AttackType.Stab, AttackStyle.Defensive),
    ];

    private static readonly CombatOption[] Longsword =
    [
        new("Chop", AttackType.Slash, AttackStyle.Accurate),
        new("Slash", AttackType.Slash, AttackStyle.Aggressive),
        new("Lunge", AttackType.Stab, AttackStyle.Controlled),
        new("Block", AttackType.Slash, AttackStyle.Defensive),
    ];

    private static readonly CombatOption[] TwoHandedSword =
    [
        new("Chop", AttackType.Slash, AttackStyle.Accurate),
        new("Slash", AttackType.Slash, AttackStyle.Aggressive),
        new("Smash", AttackType.Crush, AttackStyle.Aggressive),
        new("Block", AttackType.Slash, AttackStyle.Defensive),
    ];

    private static readonly CombatOption[] Bow =
    [
        new("Accurate", AttackType.Ranged, AttackStyle.Accurate),
        new("Rapid", AttackType.Ranged, AttackStyle.Rapid),
        new("Longrange", AttackType.Ranged, AttackStyle.Longrange),
    ];

    private static readonly CombatOption[] Staff =
    [
        new("Bash", AttackType.Crush, AttackStyle.Accurate),
        new("Pound", AttackType.Crush, AttackStyle.Aggressive),
        new("Focus", AttackType.Crush, AttackStyle.Defensive),
    ];

    /// <summary>The options of <paramref name="category"/>, in button order.</summary>
    public static ReadOnlySpan<CombatOption> Options(WeaponCategory category) => category switch
    {
        WeaponCategory.Sword => Sword,
        WeaponCategory.Longsword => Longsword,
        WeaponCategory.TwoHandedSword => TwoHandedSword,
        WeaponCategory.Bow => Bow,
        WeaponCategory.Staff => Staff,
        _ => Unarmed,
    };

    /// <summary>
    /// The option a player keeps on switching to <paramref name="category"/>: the same button when
    /// the new weapon has it, else its last.
    /// </summary>
    public static int Clamp(WeaponCategory category, int option) => Math.Clamp(option, 0, Options(category).Length - 1);

    /// <summary>
    /// Makes option <paramref name="option"/> of <paramref name="weapon"/> (clamped to the ones it
    /// has) the fighter's: its button, stance and attack type.
    /// </summary>
    public static void Select(ref CombatState combat, WeaponCategory weapon, int option)
    {
        var index = Clamp(weapon, option);
        var chosen = Options(weapon)[index];
        combat.Option = (byte)index;
        combat.Style = chosen.Stance;
        combat.AttackType = chosen.Type;
    }

    /// <summary>The first option of <paramref name="category"/> with <paramref name="stance"/>, or 0 when it has none.</summary>
    public static int FirstWithStance(WeaponCategory category, AttackStyle stance)
    {
        var options = Options(category);
        for (var i = 0; i < options.Length; i++)
        {
            if (options[i].Stance == stance)
            {
                return i;
            }
        }

        return 0;
    }
}
