namespace Hyperscape.Ecs.Sync;

/// <summary>The first element of every sync entry.</summary>
public enum SyncOp : byte
{
    /// <summary>[0, networkId, mask, fields...]: the entity came into view; every field of its kind follows.</summary>
    Spawn = 0,

    /// <summary>[1, networkId, mask, fields...]: only the changed fields follow.</summary>
    Update = 1,

    /// <summary>[2, networkId]: the entity left view or the world.</summary>
    Despawn = 2,

    /// <summary>[3, [[itemId, quantity] × 28]]: your inventory. Only ever sent to its owner.</summary>
    OwnInventory = 3,

    /// <summary>[4, [[itemId, quantity] × 11]]: your equipment. Only ever sent to its owner.</summary>
    OwnEquipment = 4,

    /// <summary>[5, [[level, xpTenths] × 17]]: your skills. Only ever sent to its owner.</summary>
    OwnSkills = 5,

    /// <summary>[6, points, activePrayers]: your prayer points and the prayers on (a bit each). Only ever sent to its owner.</summary>
    OwnPrayer = 6,

    /// <summary>
    /// [7, combatOption, autoRetaliate, running]: your combat button, auto-retaliate and run
    /// (1 on, 0 off), as the server has them, on entering and whenever they change. Only ever
    /// sent to its owner.
    /// </summary>
    OwnSettings = 7,

    /// <summary>
    /// <c>[8, open, firstSlot, [[itemId, quantity] × 48]]</c>: one page of the owner's bank while
    /// it is open; <c>[8, 0, 0, []]</c> when it closes. Only ever sent to its owner.
    /// </summary>
    OwnBank = 8,

    /// <summary>
    /// <c>[9, shopId, [[itemId, quantity, price, offer], ...]]</c>: the open shop's stock, with what
    /// it charges and what it pays for one; <c>[9, 0, []]</c> when it closes. Only ever sent to
    /// the player who has it open.
    /// </summary>
    OwnShop = 9,
}
