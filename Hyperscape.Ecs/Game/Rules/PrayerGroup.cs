namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Prayers of one group exclude each other: turning one on turns the others off.</summary>
public enum PrayerGroup : byte
{
    /// <summary>Defence boosts.</summary>
    Defence,

    /// <summary>Strength boosts.</summary>
    Strength,

    /// <summary>Attack boosts.</summary>
    Attack,

    /// <summary>Protection from one kind of attack.</summary>
    Protection,

    /// <summary>Ranged boosts: they also exclude attack, strength and magic boosts, as in OSRS.</summary>
    Ranged,

    /// <summary>Magic boosts: they also exclude attack, strength and ranged boosts, as in OSRS.</summary>
    Magic,
}
