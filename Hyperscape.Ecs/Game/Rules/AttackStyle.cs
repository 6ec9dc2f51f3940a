namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Attack styles (stances): which level gets the +3 (or +1 each), where XP goes, and for ranged the speed and reach.</summary>
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

    /// <summary>Ranged: one tick faster; XP to ranged.</summary>
    Rapid,

    /// <summary>Ranged: two tiles more reach and +3 defence; XP split over ranged and defence.</summary>
    Longrange,
}
