namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// The OSRS bonus set of a worn item, of everything a player wears (summed), or of an NPC: an
/// attack and a defence bonus per <see cref="AttackType"/>, and the damage bonuses.
/// </summary>
/// <param name="StabAttack">Stab attack bonus.</param>
/// <param name="SlashAttack">Slash attack bonus.</param>
/// <param name="CrushAttack">Crush attack bonus.</param>
/// <param name="MagicAttack">Magic attack bonus.</param>
/// <param name="RangedAttack">Ranged attack bonus.</param>
/// <param name="StabDefence">Defence against stabs.</param>
/// <param name="SlashDefence">Defence against slashes.</param>
/// <param name="CrushDefence">Defence against crushing blows.</param>
/// <param name="MagicDefence">Defence against magic.</param>
/// <param name="RangedDefence">Defence against ranged attacks.</param>
/// <param name="MeleeStrength">Melee strength: raises the melee max hit.</param>
/// <param name="RangedStrength">Ranged strength: raises the ranged max hit.</param>
/// <param name="MagicDamage">Magic damage, in percent of a spell's max hit.</param>
/// <param name="Prayer">Prayer bonus: slows prayer drain.</param>
public readonly record struct EquipmentBonuses(
    int StabAttack = 0,
    int SlashAttack = 0,
    int CrushAttack = 0,
    int MagicAttack = 0,
    int RangedAttack = 0,
    int StabDefence = 0,
    int SlashDefence = 0,
    int CrushDefence = 0,
    int MagicDefence = 0,
    int RangedDefence = 0,
    int MeleeStrength = 0,
    int RangedStrength = 0,
    int MagicDamage = 0,
    int Prayer = 0)
{
    /// <summary>The attack bonus for attacks of <paramref name="type"/>.</summary>
    public int Attack(AttackType type) => type switch
    {
        AttackType.Stab => StabAttack,
        AttackType.Slash => SlashAttack,
        AttackType.Crush => CrushAttack,
        AttackType.Ranged => RangedAttack,
        AttackType.Magic => MagicAttack,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an attack type."),
    };

    /// <summary>The defence bonus against attacks of <paramref name="type"/>.</summary>
    public int Defence(AttackType type) => type switch
    {
        AttackType.Stab => StabDefence,
        AttackType.Slash => SlashDefence,
        AttackType.Crush => CrushDefence,
        AttackType.Ranged => RangedDefence,
        AttackType.Magic => MagicDefence,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an attack type."),
    };

    /// <summary>Two sets added field by field, as worn items add up.</summary>
    public static EquipmentBonuses operator +(in EquipmentBonuses left, in EquipmentBonuses right) => new(
        left.StabAttack + right.StabAttack,
        left.SlashAttack + right.SlashAttack,
        left.CrushAttack + right.CrushAttack,
        left.MagicAttack + right.MagicAttack,
        left.RangedAttack + right.RangedAttack,
        left.StabDefence + right.StabDefence,
        left.SlashDefence + right.SlashDefence,
        left.CrushDefence + right.CrushDefence,
        left.MagicDefence + right.MagicDefence,
        left.RangedDefence + right.RangedDefence,
        left.MeleeStrength + right.MeleeStrength,
        left.RangedStrength + right.RangedStrength,
        left.MagicDamage + right.MagicDamage,
        left.Prayer + right.Prayer);

    /// <summary>Two sets added field by field (the named form of <c>+</c>).</summary>
    public static EquipmentBonuses Add(in EquipmentBonuses left, in EquipmentBonuses right) => left + right;
}
