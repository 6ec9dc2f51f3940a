namespace Hyperscape.Ecs.Game.Actions;

/// <summary>What a player asks for. Stable numbers: they are part of the wire protocol.</summary>
public enum ActionKind : byte
{
    /// <summary>Walk (or run) to a tile: <see cref="PlayerAction.X"/>, <see cref="PlayerAction.Z"/>.</summary>
    Move = 1,

    /// <summary>Toggle running: <see cref="PlayerAction.Value"/> 1 on, 0 off.</summary>
    SetRun = 2,

    /// <summary>Attack the NPC <see cref="PlayerAction.Target"/>.</summary>
    Attack = 3,

    /// <summary>Pick up the ground item <see cref="PlayerAction.Target"/>.</summary>
    Pickup = 4,

    /// <summary>Drop the stack in inventory <see cref="PlayerAction.Slot"/>.</summary>
    Drop = 5,

    /// <summary>Wear the item in inventory <see cref="PlayerAction.Slot"/>.</summary>
    Equip = 6,

    /// <summary>Remove the item in equipment <see cref="PlayerAction.Slot"/>.</summary>
    Unequip = 7,

    /// <summary>Eat the food in inventory <see cref="PlayerAction.Slot"/>.</summary>
    Eat = 8,

    /// <summary>Ask <see cref="PlayerAction.Target"/> to trade (or accept their request).</summary>
    TradeRequest = 9,

    /// <summary>Offer <see cref="PlayerAction.Quantity"/> of inventory <see cref="PlayerAction.Slot"/>; 0 withdraws it.</summary>
    TradeOffer = 10,

    /// <summary>Accept the current trade screen.</summary>
    TradeAccept = 11,

    /// <summary>Cancel the trade.</summary>
    TradeDecline = 12,

    /// <summary>Play emote <see cref="PlayerAction.Value"/>.</summary>
    Emote = 13,

    /// <summary>Choose combat option (button) <see cref="PlayerAction.Value"/> of the wielded weapon: its attack type and stance.</summary>
    SetAttackStyle = 14,

    /// <summary>Toggle auto-retaliate: <see cref="PlayerAction.Value"/> 1 on, 0 off.</summary>
    SetAutoRetaliate = 15,

    /// <summary>
    /// Switch prayer <see cref="PlayerAction.Value"/> on (<see cref="PlayerAction.Quantity"/> 1)
    /// or off (0).
    /// </summary>
    TogglePrayer = 16,

    /// <summary>Bury the bones in inventory slot <see cref="PlayerAction.Slot"/> for prayer XP.</summary>
    Bury = 17,

    /// <summary>Pray at the altar on tile (<see cref="PlayerAction.X"/>, <see cref="PlayerAction.Z"/>): prayer points back to full.</summary>
    PrayAtAltar = 18,

    /// <summary>Use a world object: work a resource node (chop, mine, fish), walking to it first.</summary>
    Interact = 19,

    /// <summary>Deposit from an inventory slot: <see cref="PlayerAction.Quantity"/> of its item (0: every one carried).</summary>
    BankDeposit = 20,

    /// <summary>Withdraw <see cref="PlayerAction.Quantity"/> from bank slot <see cref="PlayerAction.Slot"/>.</summary>
    BankWithdraw = 21,

    /// <summary>Deposit the whole inventory (all of it or nothing).</summary>
    BankDepositAll = 22,

    /// <summary>Close the bank.</summary>
    BankClose = 23,

    /// <summary>Buy <see cref="PlayerAction.Quantity"/> of the open shop's line <see cref="PlayerAction.Slot"/>.</summary>
    ShopBuy = 24,

    /// <summary>Sell <see cref="PlayerAction.Quantity"/> of the item in inventory slot <see cref="PlayerAction.Slot"/> (0: every one carried).</summary>
    ShopSell = 25,

    /// <summary>Close the shop.</summary>
    ShopClose = 26,

    /// <summary>Light the logs in inventory slot <see cref="PlayerAction.Slot"/> where the player stands (a tinderbox is needed).</summary>
    Light = 27,

    /// <summary>Use the item in inventory slot <see cref="PlayerAction.Slot"/> on object <see cref="PlayerAction.Target"/>: cook raw food on a fire or range, <see cref="PlayerAction.Quantity"/> of them (0: all).</summary>
    UseItemOnObject = 28,

    /// <summary>
    /// Make <see cref="PlayerAction.Quantity"/> (0: as many as the materials allow) of the item
    /// <see cref="PlayerAction.Value"/> from its recipe, at the object <see cref="PlayerAction.Target"/>
    /// when the recipe needs one (a furnace, an anvil, a rune altar), else 0.
    /// </summary>
    Make = 29,

    /// <summary>Cast spell <see cref="PlayerAction.Value"/> once at the NPC <see cref="PlayerAction.Target"/>.</summary>
    CastSpell = 30,

    /// <summary>Autocast spell <see cref="PlayerAction.Value"/> with the wielded staff (0 stops autocasting).</summary>
    SetAutocast = 31,

    /// <summary>
    /// Take everything that fits from your own gravestone <see cref="PlayerAction.Target"/> into the inventory,
    /// standing on or next to it (equipment comes back unworn; what does not fit stays).
    /// </summary>
    LootGravestone = 32,
}
