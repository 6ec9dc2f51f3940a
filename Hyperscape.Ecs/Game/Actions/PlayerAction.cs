namespace Hyperscape.Ecs.Game.Actions;

/// <summary>
/// A player's intent, queued for the next tick. Every field is untrusted input: the action system
/// validates it (ids, slots, quantities, distance, finiteness) and answers a refusal with an
/// <see cref="Events.GameEventKind.ActionRejected"/> event. Build one with the factory methods.
/// </summary>
/// <param name="PlayerId">The acting player's network id (the host fills it from the session, never from the client).</param>
/// <param name="Kind">What is asked.</param>
/// <param name="Target">A network id: the NPC to attack, the ground item, the trade partner.</param>
/// <param name="Slot">An inventory or equipment slot.</param>
/// <param name="Quantity">A quantity (trade offers).</param>
/// <param name="X">A destination X in tiles.</param>
/// <param name="Z">A destination Z in tiles.</param>
/// <param name="Value">A small argument: a flag, a style, an emote id.</param>
public readonly record struct PlayerAction(
    long PlayerId,
    ActionKind Kind,
    long Target = 0,
    int Slot = 0,
    int Quantity = 0,
    float X = 0,
    float Z = 0,
    int Value = 0)
{
    /// <summary>Walk or run to (x, z).</summary>
    public static PlayerAction Move(long player, float x, float z) => new(player, ActionKind.Move, X: x, Z: z);

    /// <summary>Toggle running.</summary>
    public static PlayerAction SetRun(long player, bool running) => new(player, ActionKind.SetRun, Value: running ? 1 : 0);

    /// <summary>Attack an NPC.</summary>
    public static PlayerAction Attack(long player, long npc) => new(player, ActionKind.Attack, Target: npc);

    /// <summary>Pick up a ground item.</summary>
    public static PlayerAction Pickup(long player, long groundItem) => new(player, ActionKind.Pickup, Target: groundItem);

    /// <summary>Drop an inventory stack.</summary>
    public static PlayerAction Drop(long player, int slot) => new(player, ActionKind.Drop, Slot: slot);

    /// <summary>Wear an inventory item.</summary>
    public static PlayerAction Equip(long player, int slot) => new(player, ActionKind.Equip, Slot: slot);

    /// <summary>Remove a worn item.</summary>
    public static PlayerAction Unequip(long player, int equipmentSlot) => new(player, ActionKind.Unequip, Slot: equipmentSlot);

    /// <summary>Eat an inventory item.</summary>
    public static PlayerAction Eat(long player, int slot) => new(player, ActionKind.Eat, Slot: slot);

    /// <summary>Request (or accept) a trade.</summary>
    public static PlayerAction TradeRequest(long player, long other) => new(player, ActionKind.TradeRequest, Target: other);

    /// <summary>Offer items from a slot; quantity 0 withdraws the slot's offer.</summary>
    public static PlayerAction TradeOffer(long player, int slot, int quantity) => new(player, ActionKind.TradeOffer, Slot: slot, Quantity: quantity);

    /// <summary>Accept the current trade screen.</summary>
    public static PlayerAction TradeAccept(long player) => new(player, ActionKind.TradeAccept);

    /// <summary>Cancel the trade.</summary>
    public static PlayerAction TradeDecline(long player) => new(player, ActionKind.TradeDecline);

    /// <summary>Play an emote.</summary>
    public static PlayerAction Emote(long player, int emote) => new(player, ActionKind.Emote, Value: emote);

    /// <summary>
    /// Choose a combat option: a button of the wielded weapon's list (see
    /// <see cref="Rules.WeaponStyles.Options"/>), which sets both the attack type and the stance.
    /// </summary>
    public static PlayerAction SetAttackStyle(long player, int option) => new(player, ActionKind.SetAttackStyle, Value: option);

    /// <summary>Switch a prayer on or off.</summary>
    public static PlayerAction TogglePrayer(long player, Rules.Prayer prayer, bool on) => new(player, ActionKind.TogglePrayer, Quantity: on ? 1 : 0, Value: (int)prayer);

    /// <summary>Bury the bones in an inventory slot.</summary>
    public static PlayerAction Bury(long player, int slot) => new(player, ActionKind.Bury, Slot: slot);

    /// <summary>Pray at the altar on a tile.</summary>
    public static PlayerAction PrayAtAltar(long player, int x, int z) => new(player, ActionKind.PrayAtAltar, X: x, Z: z);

    /// <summary>Use a world object: work the resource node (chop a tree, mine a rock, fish a spot), walking beside it first; open the bank at a booth within 2 tiles.</summary>
    public static PlayerAction Interact(long player, long worldObject) => new(player, ActionKind.Interact, Target: worldObject);

    /// <summary>Deposit <paramref name="quantity"/> of the item in an inventory slot (0: every one carried).</summary>
    public static PlayerAction BankDeposit(long player, int slot, int quantity) => new(player, ActionKind.BankDeposit, Slot: slot, Quantity: quantity);

    /// <summary>Withdraw <paramref name="quantity"/> from a bank slot.</summary>
    public static PlayerAction BankWithdraw(long player, int bankSlot, int quantity) => new(player, ActionKind.BankWithdraw, Slot: bankSlot, Quantity: quantity);

    /// <summary>Deposit the whole inventory.</summary>
    public static PlayerAction BankDepositAll(long player) => new(player, ActionKind.BankDepositAll);

    /// <summary>Close the bank.</summary>
    public static PlayerAction BankClose(long player) => new(player, ActionKind.BankClose);

    /// <summary>Buy <paramref name="quantity"/> from line <paramref name="line"/> of the open shop.</summary>
    public static PlayerAction ShopBuy(long player, int line, int quantity) => new(player, ActionKind.ShopBuy, Slot: line, Quantity: quantity);

    /// <summary>Sell <paramref name="quantity"/> of the item in an inventory slot (0: every one carried).</summary>
    public static PlayerAction ShopSell(long player, int slot, int quantity) => new(player, ActionKind.ShopSell, Slot: slot, Quantity: quantity);

    /// <summary>Close the shop.</summary>
    public static PlayerAction ShopClose(long player) => new(player, ActionKind.ShopClose);

    /// <summary>Light the logs in an inventory slot where the player stands.</summary>
    public static PlayerAction Light(long player, int slot) => new(player, ActionKind.Light, Slot: slot);

    /// <summary>Use an inventory item on an object: cook <paramref name="quantity"/> raw food (0: all) on a fire or range.</summary>
    public static PlayerAction UseItemOnObject(long player, int slot, long worldObject, int quantity = 0) => new(player, ActionKind.UseItemOnObject, Target: worldObject, Slot: slot, Quantity: quantity);

    /// <summary>Cast a spell once at an NPC.</summary>
    public static PlayerAction CastSpell(long player, int spell, long npc) => new(player, ActionKind.CastSpell, Target: npc, Value: spell);

    /// <summary>Autocast a spell with the wielded staff (0 stops).</summary>
    public static PlayerAction SetAutocast(long player, int spell) => new(player, ActionKind.SetAutocast, Value: spell);

    /// <summary>Make <paramref name="quantity"/> (0: all the materials allow) of an item from its recipe, at <paramref name="station"/> (0 when it needs none).</summary>
    public static PlayerAction Make(long player, int productId, long station = 0, int quantity = 0) => new(player, ActionKind.Make, Target: station, Quantity: quantity, Value: productId);

    /// <summary>Toggle auto-retaliate.</summary>
    public static PlayerAction SetAutoRetaliate(long player, bool on) => new(player, ActionKind.SetAutoRetaliate, Value: on ? 1 : 0);

    /// <summary>Take what fits from your own gravestone.</summary>
    public static PlayerAction LootGravestone(long player, long gravestone) => new(player, ActionKind.LootGravestone, Target: gravestone);
}
