namespace Hyperscape.Ecs.Game.Rules;

/// <summary>OSRS-style melee formulas (and the rolls ranged shares). Pure functions: the tests pin them to known values.</summary>
public static class CombatFormulas
{
    /// <summary>Ticks between attacks when the weapon says nothing else.</summary>
    public const int DefaultAttackSpeed = 4;

    /// <summary>Ticks a fighter stays "in combat" after the last hit.</summary>
    public const int CombatTimeoutTicks = 17;

    /// <summary>Melee reach in tiles (cardinal only).</summary>
    public const int MeleeRange = 1;

    /// <summary>The style bonus added to the attack level.</summary>
    public static int AttackStyleBonus(AttackStyle style) => style switch
    {
        AttackStyle.Accurate => 3,
        AttackStyle.Controlled => 1,
        _ => 0,
    };

    /// <summary>The style bonus added to the strength level.</summary>
    public static int StrengthStyleBonus(AttackStyle style) => style switch
    {
        AttackStyle.Aggressive => 3,
        AttackStyle.Controlled => 1,
        _ => 0,
    };

    /// <summary>The style bonus added to the defence level.</summary>
    public static int DefenceStyleBonus(AttackStyle style) => style switch
    {
        AttackStyle.Defensive or AttackStyle.Longrange => 3,
        AttackStyle.Controlled => 1,
        _ => 0,
    };

    /// <summary>What a player adds to each combat level before the stance (OSRS: +8).</summary>
    public const int PlayerLevelBonus = 8;

    /// <summary>What an NPC adds to each combat level; NPCs have no stance (OSRS: +9).</summary>
    public const int NpcLevelBonus = 9;

    /// <summary>
    /// Effective attack: a player's level + 8 + the stance's bonus (<paramref name="styleBonus"/>
    /// true), an NPC's level + 9 (false).
    /// </summary>
    public static int EffectiveAttack(int level, AttackStyle style, bool styleBonus) =>
        level + (styleBonus ? PlayerLevelBonus + AttackStyleBonus(style) : NpcLevelBonus);

    /// <summary>Effective strength: a player's level + 8 + the stance's bonus, an NPC's level + 9.</summary>
    public static int EffectiveStrength(int level, AttackStyle style, bool styleBonus) =>
        level + (styleBonus ? PlayerLevelBonus + StrengthStyleBonus(style) : NpcLevelBonus);

    /// <summary>Effective defence: a player's level + 8 + the stance's bonus, an NPC's level + 9.</summary>
    public static int EffectiveDefence(int level, AttackStyle style, bool styleBonus) =>
        level + (styleBonus ? PlayerLevelBonus + DefenceStyleBonus(style) : NpcLevelBonus);

    /// <summary>A roll: effective level × (bonus + 64).</summary>
    public static int Roll(int effectiveLevel, int bonus) => effectiveLevel * (bonus + 64);

    /// <summary>
    /// The chance that an attack roll beats a defence roll:
    /// <c>1 - (def + 2) / (2 (att + 1))</c> when the attacker's roll is higher, else <c>att / (2 (def + 1))</c>.
    /// </summary>
    public static double HitChance(int attackRoll, int defenceRoll) =>
        attackRoll > defenceRoll
            ? 1.0 - ((defenceRoll + 2.0) / (2.0 * (attackRoll + 1.0)))
            : attackRoll / (2.0 * (defenceRoll + 1.0));

    /// <summary>Melee max hit: <c>floor(0.5 + effective strength × (strength bonus + 64) / 640)</c>.</summary>
    public static int MaxHit(int effectiveStrength, int strengthBonus) =>
        (int)Math.Floor(0.5 + (effectiveStrength * (strengthBonus + 64) / 640.0));

    /// <summary>The attacker's hit chance and max hit for one exchange.</summary>
    public static (double HitChance, int MaxHit) Evaluate(in MeleeRoll attacker, in MeleeRoll defender)
    {
        var attackRoll = Roll(EffectiveAttack(attacker.AttackLevel, attacker.Style, attacker.StyleBonus), attacker.AttackBonus);
        var defenceRoll = Roll(EffectiveDefence(defender.DefenceLevel, defender.Style, defender.StyleBonus), defender.DefenceBonus);
        var maxHit = MaxHit(EffectiveStrength(attacker.StrengthLevel, attacker.Style, attacker.StyleBonus), attacker.StrengthBonus);
        return (HitChance(attackRoll, defenceRoll), maxHit);
    }

    /// <summary>Ticks before a defender's retaliation lands: <c>ceil(speed / 2) + 1</c>.</summary>
    public static int RetaliationDelay(int attackSpeed) => ((attackSpeed + 1) / 2) + 1;

    /// <summary>XP in tenths for the style's skill: 4 per point of damage.</summary>
    public static int StyleXpTenths(int damage) => damage * 40;

    /// <summary>XP in tenths for constitution, and for each skill of a controlled split: 4/3 per damage.</summary>
    public static int SharedXpTenths(int damage) => damage * 40 / 3;

    /// <summary>True when two tiles are cardinally adjacent (melee reach).</summary>
    public static bool InMeleeReach(int dx, int dz) => Math.Abs(dx) + Math.Abs(dz) == MeleeRange;
}
