namespace Hyperscape.Ecs.Game.Rules;

/// <summary>A weapon's kind, which fixes its combat options (see <see cref="WeaponStyles"/>).</summary>
public enum WeaponCategory : byte
{
    /// <summary>No weapon: punch, kick, block, all crush.</summary>
    Unarmed,

    /// <summary>Short swords: stab, lunge, slash, block.</summary>
    Sword,

    /// <summary>Longswords and scimitars: chop, slash, lunge (controlled), block.</summary>
    Longsword,

    /// <summary>Two-handed swords: chop, slash, smash (crush), block.</summary>
    TwoHandedSword,

    /// <summary>Bows: accurate, rapid, longrange; they fire the arrows in the ammunition slot.</summary>
    Bow,

    /// <summary>Staves: bash, pound, focus (crush); they can autocast, and some provide a rune.</summary>
    Staff,
}
