namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The prayers of the standard book, in level order; a value is also its bit in an active set.</summary>
public enum Prayer : byte
{
    /// <summary>+5% defence (level 1).</summary>
    ThickSkin,

    /// <summary>+5% strength (level 4).</summary>
    BurstOfStrength,

    /// <summary>+5% attack (level 7).</summary>
    ClarityOfThought,

    /// <summary>+10% defence (level 10).</summary>
    RockSkin,

    /// <summary>+10% strength (level 13).</summary>
    SuperhumanStrength,

    /// <summary>+10% attack (level 16).</summary>
    ImprovedReflexes,

    /// <summary>+15% defence (level 28).</summary>
    SteelSkin,

    /// <summary>+15% strength (level 31).</summary>
    UltimateStrength,

    /// <summary>+15% attack (level 34).</summary>
    IncredibleReflexes,

    /// <summary>Blocks NPCs' magic (level 37).</summary>
    ProtectFromMagic,

    /// <summary>Blocks NPCs' ranged attacks (level 40).</summary>
    ProtectFromMissiles,

    /// <summary>Blocks NPCs' melee (level 43).</summary>
    ProtectFromMelee,

    /// <summary>Sharp Eye: +5% ranged.</summary>
    SharpEye,

    /// <summary>Mystic Will: +5% magic.</summary>
    MysticWill,

    /// <summary>Hawk Eye: +10% ranged.</summary>
    HawkEye,

    /// <summary>Mystic Lore: +10% magic.</summary>
    MysticLore,

    /// <summary>Eagle Eye: +15% ranged.</summary>
    EagleEye,

    /// <summary>Mystic Might: +15% magic.</summary>
    MysticMight,
}
