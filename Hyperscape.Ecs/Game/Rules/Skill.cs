namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The seventeen trainable skills, in their wire and storage order.</summary>
public enum Skill : byte
{
    /// <summary>Melee accuracy.</summary>
    Attack,

    /// <summary>Melee maximum hit.</summary>
    Strength,

    /// <summary>Defensive roll against every attack.</summary>
    Defense,

    /// <summary>Hitpoints: the maximum health equals this level.</summary>
    Constitution,

    /// <summary>Ranged combat.</summary>
    Ranged,

    /// <summary>Magic combat.</summary>
    Magic,

    /// <summary>Prayer.</summary>
    Prayer,

    /// <summary>Woodcutting.</summary>
    Woodcutting,

    /// <summary>Mining.</summary>
    Mining,

    /// <summary>Fishing.</summary>
    Fishing,

    /// <summary>Firemaking.</summary>
    Firemaking,

    /// <summary>Cooking.</summary>
    Cooking,

    /// <summary>Smithing.</summary>
    Smithing,

    /// <summary>Agility.</summary>
    Agility,

    /// <summary>Crafting.</summary>
    Crafting,

    /// <summary>Fletching.</summary>
    Fletching,

    /// <summary>Runecrafting.</summary>
    Runecrafting,
}
