namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// OSRS's ranged formulas for a player with a bow. Accuracy and max hit use the same roll and
/// max-hit shapes as melee (<see cref="CombatFormulas.Roll"/>, <see cref="CombatFormulas.MaxHit"/>)
/// with the ranged level and the ranged bonuses; the defender rolls its defence against its
/// ranged defence bonus. Pure functions: the tests pin them to known values.
/// </summary>
public static class RangedFormulas
{
    /// <summary>The farthest any bow reaches, longrange included (OSRS: 10 tiles).</summary>
    public const int MaxRange = 10;

    /// <summary>Tiles longrange adds to a bow's reach.</summary>
    public const int LongrangeBonus = 2;

    /// <summary>Effective ranged level: level + 8, + 3 when accurate (for both accuracy and strength, as OSRS has it).</summary>
    public static int EffectiveRanged(int level, AttackStyle style) =>
        level + CombatFormulas.PlayerLevelBonus + (style == AttackStyle.Accurate ? 3 : 0);

    /// <summary>The attack roll: effective ranged × (ranged attack bonus + 64).</summary>
    public static int AttackRoll(int level, AttackStyle style, int rangedAttack) =>
        CombatFormulas.Roll(EffectiveRanged(level, style), rangedAttack);

    /// <summary>The max hit: <c>floor(0.5 + effective ranged × (ranged strength + 64) / 640)</c>.</summary>
    public static int MaxHit(int level, AttackStyle style, int rangedStrength) =>
        CombatFormulas.MaxHit(EffectiveRanged(level, style), rangedStrength);

    /// <summary>A bow's reach in tiles (Chebyshev): its own, +2 on longrange, at most <see cref="MaxRange"/>.</summary>
    public static int Reach(int weaponRange, AttackStyle style) =>
        Math.Min(MaxRange, weaponRange + (style == AttackStyle.Longrange ? LongrangeBonus : 0));

    /// <summary>Ticks between shots: the bow's speed, one less on rapid.</summary>
    public static int AttackSpeed(int weaponSpeed, AttackStyle style) =>
        style == AttackStyle.Rapid ? Math.Max(1, weaponSpeed - 1) : weaponSpeed;

    /// <summary>Ticks from the shot to the hit: <c>1 + floor((3 + distance) / 6)</c> (OSRS's arrows).</summary>
    public static int HitDelay(int distance) => 1 + ((3 + distance) / 6);

    /// <summary>XP in tenths to ranged for a hit: 4 per damage, 2 on longrange (the other 2 go to defence).</summary>
    public static int RangedXpTenths(int damage, AttackStyle style) => damage * (style == AttackStyle.Longrange ? 20 : 40);

    /// <summary>XP in tenths to defence for a hit: 2 per damage on longrange, else none.</summary>
    public static int DefenceXpTenths(int damage, AttackStyle style) => style == AttackStyle.Longrange ? damage * 20 : 0;
}
