namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Melee attack styles: which level gets the +3 (or +1 each) and where XP goes.</summary>
public enum AttackStyle : byte
{
    /// <summary>+3 attack; XP to attack.</summary>
    Accurate,

    /// <summary>+3 strength; XP to strength.</summary>
    Aggressive,

    /// <summary>+3 defence; XP to defence.</summary>
    Defensive,

    /// <summary>+1 to each; XP split over attack, strength and defence.</summary>
    Controlled,
}
