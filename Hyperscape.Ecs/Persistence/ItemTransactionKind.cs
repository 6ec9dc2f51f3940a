namespace Hyperscape.Ecs.Persistence;

/// <summary>What kind of game operation an item transaction records.</summary>
public enum ItemTransactionKind : byte
{
    /// <summary>A pickup from the ground.</summary>
    Pickup = 1,

    /// <summary>A drop to the ground.</summary>
    Drop = 2,

    /// <summary>An equip or unequip.</summary>
    Equipment = 3,

    /// <summary>Food eaten.</summary>
    Eat = 4,

    /// <summary>A completed trade.</summary>
    Trade = 5,

    /// <summary>A player's death.</summary>
    Death = 6,

    /// <summary>An NPC's death and its loot.</summary>
    NpcLoot = 7,

    /// <summary>Ground items that despawned.</summary>
    Despawn = 8,

    /// <summary>Bones buried for prayer XP.</summary>
    Bury = 9,

    /// <summary>A gathering success: the product added, bait used up.</summary>
    Gather = 10,

    /// <summary>Items moved between a character's inventory and bank.</summary>
    Bank = 11,

    /// <summary>A purchase or sale at a shop.</summary>
    Shop = 12,

    /// <summary>Something made: logs lit, food cooked or burnt.</summary>
    Make = 13,

    /// <summary>Ammunition fired: one arrow from the quiver, dropped under the target or broken.</summary>
    Ammo = 14,

    /// <summary>A spell cast: its runes used up.</summary>
    Cast = 15,

    /// <summary>Items taken from one's own gravestone.</summary>
    GravestoneLoot = 16,

    /// <summary>A gravestone broke open: its items went to the ground.</summary>
    GravestoneBroken = 17,
}
