namespace Hyperscape.Ecs.Game.Actions;

/// <summary>Why the server refused an action. Stable numbers: they are part of the wire protocol.</summary>
public enum RejectionReason : byte
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>The action kind is not known.</summary>
    UnknownAction = 1,

    /// <summary>The acting player is not in the world.</summary>
    UnknownPlayer = 2,

    /// <summary>The player is dead and waiting to respawn.</summary>
    PlayerDead = 3,

    /// <summary>An inventory or equipment slot number is out of range.</summary>
    InvalidSlot = 4,

    /// <summary>The slot holds nothing.</summary>
    EmptySlot = 5,

    /// <summary>A quantity is zero, negative, or more than the slot holds.</summary>
    InvalidQuantity = 6,

    /// <summary>The item id is not defined.</summary>
    UnknownItem = 7,

    /// <summary>The item cannot be worn.</summary>
    NotEquipable = 8,

    /// <summary>The item cannot be eaten.</summary>
    NotEdible = 9,

    /// <summary>There is no room in the inventory.</summary>
    InventoryFull = 10,

    /// <summary>A stack would pass the largest quantity a slot holds.</summary>
    QuantityOverflow = 11,

    /// <summary>The target entity does not exist or is not of the right kind.</summary>
    TargetNotFound = 12,

    /// <summary>The target is farther than the action allows.</summary>
    TargetTooFar = 13,

    /// <summary>Coordinates are not finite, or off the map.</summary>
    InvalidCoordinates = 14,

    /// <summary>No path leads there.</summary>
    Unreachable = 15,

    /// <summary>The item is protected for another player.</summary>
    NotYourItem = 16,

    /// <summary>That target cannot be attacked or traded with (yourself, another player in combat...).</summary>
    InvalidTarget = 17,

    /// <summary>The player has no open trade.</summary>
    NoTrade = 18,

    /// <summary>The player is already trading, or the other player is.</summary>
    Busy = 19,

    /// <summary>The trade is past the offer screen; offers can no longer change.</summary>
    TradeLocked = 20,

    /// <summary>An enumeration value is out of range (attack style, emote...).</summary>
    InvalidValue = 21,

    /// <summary>The action came too fast and was dropped.</summary>
    RateLimited = 22,

    /// <summary>The action's own delay has not run out (eating: one food per 3 ticks).</summary>
    TooSoon = 23,

    /// <summary>A skill level is below what the action needs (wielding, wearing).</summary>
    LevelTooLow = 24,

    /// <summary>No prayer points are left: pray at an altar.</summary>
    NoPrayerPoints = 25,

    /// <summary>The item cannot be buried.</summary>
    NotBuryable = 26,

    /// <summary>No altar stands there.</summary>
    NoAltar = 27,

    /// <summary>Gathering needs a tool for this resource (an axe, a pickaxe, a net) that the player can use.</summary>
    NoTool = 28,

    /// <summary>The resource is depleted (a stump, an empty rock) until it comes back.</summary>
    Depleted = 29,

    /// <summary>Something each success uses up (bait, feathers) is not in the inventory.</summary>
    NoMaterials = 30,

    /// <summary>Gathering stopped because an attacker hit the player.</summary>
    UnderAttack = 31,

    /// <summary>The player has no bank open, or walked away from the booth.</summary>
    NoBank = 32,

    /// <summary>Every bank slot is in use by other items.</summary>
    BankFull = 33,

    /// <summary>The player has no shop open, or walked away from the shopkeeper.</summary>
    NoShop = 34,

    /// <summary>Not enough coins for the purchase.</summary>
    NotEnoughCoins = 35,

    /// <summary>The shop has none of that left.</summary>
    OutOfStock = 36,

    /// <summary>This shop does not buy that item (a specialist buys only its own lines; nobody buys coins).</summary>
    ShopWontBuy = 37,

    /// <summary>That cannot be made into anything there (logs only light, raw food only cooks on a fire or range).</summary>
    CannotMake = 38,

    /// <summary>Something already stands on this tile: a fire needs a bare one.</summary>
    NoRoomForFire = 39,

    /// <summary>A bow with nothing in the ammunition slot to fire.</summary>
    NoAmmo = 40,

    /// <summary>Not enough runes for the spell (a staff providing one kind counts as all of it).</summary>
    NoRunes = 41,

    /// <summary>Autocasting needs a staff wielded.</summary>
    NoStaff = 42,

    /// <summary>The arrows in the quiver are too strong for the bow (an oak bow fires up to steel, a normal bow up to iron).</summary>
    AmmoTooStrong = 43,

    /// <summary>The target is another zone's, shown here across the border (a ghost): nothing can be done to it from this side.</summary>
    InAnotherZone = 44,
}
