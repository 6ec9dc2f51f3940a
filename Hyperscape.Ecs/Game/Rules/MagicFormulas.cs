namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// OSRS's formulas for casting combat spells: accuracy from the magic level and magic attack
/// bonus, damage up to the spell's max hit, the defender's roll (an NPC's magic level, a player's
/// 70% magic and 30% defence), reach, flight time and XP. Pure functions: the tests pin them to
/// known values.
/// </summary>
public static class MagicFormulas
{
    /// <summary>How far a spell reaches (Chebyshev tiles), as OSRS's 10.</summary>
    public const int Reach = 10;

    /// <summary>Ticks between casts (OSRS's standard spells: 5).</summary>
    public const int CastSpeed = 5;

    /// <summary>Effective magic level for casting: level + 9 (OSRS's +8 and +1).</summary>
    public static int EffectiveMagic(int level) => level + 9;

    /// <summary>The attack roll: effective magic × (magic attack bonus + 64).</summary>
    public static int AttackRoll(int level, int magicAttack) => CombatFormulas.Roll(EffectiveMagic(level), magicAttack);

    /// <summary>An NPC's magic defence roll: (its magic level + 9) × (magic defence bonus + 64).</summary>
    public static int NpcDefenceRoll(int magicLevel, int magicDefence) => CombatFormulas.Roll(magicLevel + CombatFormulas.NpcLevelBonus, magicDefence);

    /// <summary>
    /// A player's magic defence roll: effective level floor(0.7 × magic + 0.3 × (defence + 8 +
    /// stance)), × (magic defence bonus + 64), as OSRS has it.
    /// </summary>
    public static int PlayerDefenceRoll(int magicLevel, int defenceLevel, AttackStyle style, int magicDefence)
    {
        var effectiveDefence = CombatFormulas.EffectiveDefence(defenceLevel, style, styleBonus: true);
        var effective = ((7 * magicLevel) + (3 * effectiveDefence)) / 10;
        return CombatFormulas.Roll(effective, magicDefence);
    }

    /// <summary>The max hit: the spell's, raised by the magic damage bonus in percent (floored).</summary>
    public static int MaxHit(int spellMaxHit, int magicDamagePercent) => spellMaxHit * (100 + magicDamagePercent) / 100;

    /// <summary>Ticks from the cast to the hit: <c>1 + floor((1 + distance) / 3)</c>.</summary>
    public static int HitDelay(int distance) => 1 + ((1 + distance) / 3);

    /// <summary>Magic XP in tenths for a cast: the spell's base plus 2 per damage.</summary>
    public static int XpTenths(int baseXpTenths, int damage) => baseXpTenths + (damage * 20);
}
