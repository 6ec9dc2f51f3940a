namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The three kinds of combat: what a protection prayer blocks and which skill an attack trains.</summary>
public enum CombatClass : byte
{
    /// <summary>Stab, slash and crush.</summary>
    Melee,

    /// <summary>Bows, crossbows and thrown weapons.</summary>
    Ranged,

    /// <summary>Spells.</summary>
    Magic,
}
