namespace Hyperscape.Ecs.Game.Events;

/// <summary>The only ways items may come into existence.</summary>
public enum ItemSource : byte
{
    /// <summary>Placed by the world's definition at start-up.</summary>
    WorldSpawn = 1,

    /// <summary>Dropped by a killed NPC.</summary>
    NpcDrop = 2,

    /// <summary>Given to a character on creation or by an operator.</summary>
    Grant = 3,

    /// <summary>Gathered from a resource node (logs, ore, fish).</summary>
    Gathered = 4,

    /// <summary>Bought from a shop.</summary>
    Bought = 5,

    /// <summary>Coins paid by a shop for what a player sold it.</summary>
    SalePrice = 6,

    /// <summary>Cooked (or burnt) from raw food.</summary>
    Cooked = 7,

    /// <summary>Made from a recipe (smelted, smithed, fletched, crafted, runecrafted).</summary>
    Made = 8,

    /// <summary>Left on the ground by a fire that went out.</summary>
    Ashes = 9,
}
