namespace Hyperscape.Ecs.Game.Rules;

/// <summary>How an attack lands: each has its own attack and defence bonus (OSRS's five).</summary>
public enum AttackType : byte
{
    /// <summary>A thrust: daggers, short swords' stab, spears.</summary>
    Stab,

    /// <summary>A cut: scimitars, longswords, 2h swords.</summary>
    Slash,

    /// <summary>A blow: fists, maces, warhammers.</summary>
    Crush,

    /// <summary>Arrows, bolts and thrown weapons.</summary>
    Ranged,

    /// <summary>Spells.</summary>
    Magic,
}
