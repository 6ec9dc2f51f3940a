namespace Hyperscape.Ecs.Game.Events;

/// <summary>What happened. Stable numbers: they are part of the wire protocol. Field use per kind is documented here.</summary>
public enum GameEventKind : byte
{
    /// <summary>Subject = player; A = the <see cref="Actions.ActionKind"/>; Reason says why.</summary>
    ActionRejected = 1,

    /// <summary>Subject = player network id; Other = character id.</summary>
    PlayerJoined = 2,

    /// <summary>Subject = player network id; Other = character id. The entity is gone after this tick.</summary>
    PlayerLeft = 3,

    /// <summary>Subject = NPC; A = NPC type.</summary>
    NpcSpawned = 4,

    /// <summary>Subject = the one hit; Other = attacker; A = damage (0 for a miss); B = health left.</summary>
    Damage = 5,

    /// <summary>Subject = player; A = <see cref="Rules.Skill"/>; B = the new level.</summary>
    LevelUp = 6,

    /// <summary>Subject = player or NPC; Other = killer (0 when none); Transaction = the death's drops.</summary>
    Died = 7,

    /// <summary>Subject = player.</summary>
    Respawned = 8,

    /// <summary>Subject = player; Other = NPC; A = NPC type; B = the player's kill count of that type.</summary>
    NpcKilled = 9,

    /// <summary>Subject = player whose inventory changed; Transaction groups one operation's changes.</summary>
    InventoryChanged = 10,

    /// <summary>Subject = player whose equipment changed; Transaction as above.</summary>
    EquipmentChanged = 11,

    /// <summary>Subject = ground item; A = item; B = quantity; Other = owner (0 for anyone).</summary>
    GroundItemSpawned = 12,

    /// <summary>Subject = ground item; A = item; B = quantity; Other = the player who took it (0 when it despawned).</summary>
    GroundItemRemoved = 13,

    /// <summary>Items came into existence. Subject = source entity; A = item; B = quantity; C = <see cref="ItemSource"/>.</summary>
    ItemsCreated = 14,

    /// <summary>Items left existence. Subject = entity; A = item; B = quantity; C = <see cref="ItemSink"/>.</summary>
    ItemsDestroyed = 15,

    /// <summary>Subject = player; A = health gained; B = health now.</summary>
    Healed = 16,

    /// <summary>Subject = requester; Other = the player asked.</summary>
    TradeRequested = 17,

    /// <summary>Subject and Other = the two traders (sent for each side).</summary>
    TradeOpened = 18,

    /// <summary>Subject = trader whose view changed; Other = partner; A = stage (1 offer, 2 confirm).</summary>
    TradeUpdated = 19,

    /// <summary>Subject and Other = the traders; Transaction = the swap.</summary>
    TradeCompleted = 20,

    /// <summary>Subject and Other = the traders; Reason says why when it was not a decline.</summary>
    TradeCancelled = 21,

    /// <summary>Subject = entity; A = emote id.</summary>
    EmotePlayed = 22,

    /// <summary>Subject = player whose prayer points ran out; every prayer is off.</summary>
    PrayerDrained = 23,

    /// <summary>You gathered: <see cref="GameEvent.Other"/> = the node, A = the item, B = the quantity, C = the skill.</summary>
    Gathered = 24,

    /// <summary>Your gathering stopped: <see cref="GameEvent.Other"/> = the node; Reason says why (None: the node ran out).</summary>
    GatheringStopped = 25,

    /// <summary>A resource node ran out (subject = the node; A = its type); visible to those who see it.</summary>
    ResourceDepleted = 26,

    /// <summary>Your bank opened (<see cref="GameEvent.Other"/> = the booth); its contents follow in the sync while it stays open.</summary>
    BankOpened = 27,

    /// <summary>Your bank closed (you closed it, walked away or did something else).</summary>
    BankClosed = 28,

    /// <summary>A shop opened for you: <see cref="GameEvent.Other"/> = the shopkeeper, A = the shop; its stock follows in the sync.</summary>
    ShopOpened = 29,

    /// <summary>Your shop closed.</summary>
    ShopClosed = 30,

    /// <summary>A shop's stock changed by restocking (A = the shop), for those who have it open. Not sent.</summary>
    ShopRestocked = 31,

    /// <summary>You made something: A = the product (0 for a fire), B = how many, C = the skill; <see cref="GameEvent.Other"/> = the fire or range.</summary>
    Made = 32,

    /// <summary>You burnt food: A = the burnt item; <see cref="GameEvent.Other"/> = the fire or range.</summary>
    Burnt = 33,

    /// <summary>A make failed and its materials were lost (iron ore that did not smelt): A = the product; <see cref="GameEvent.Other"/> = the station.</summary>
    MakeFailed = 34,

    /// <summary>You crossed (A = 1) or fell off (A = 0, B = the damage) an agility obstacle: <see cref="GameEvent.Other"/> = the obstacle.</summary>
    ObstacleCrossed = 35,

    /// <summary>You finished a lap of an agility course: A = the course (its index plus one), B = the lap bonus in tenths of XP.</summary>
    LapCompleted = 36,

    /// <summary>
    /// A projectile left its shooter (subject) for its target (<see cref="GameEvent.Other"/>):
    /// A = its kind (1 an arrow, 2 a spell), B = the ammunition item or the spell, C = the ticks until it lands (its hit's
    /// <see cref="Damage"/> event comes then). Visible to those who see the shooter.
    /// </summary>
    Projectile = 37,

    /// <summary>
    /// Your items went into a gravestone where you fell: <see cref="GameEvent.Other"/> = the gravestone, A = the stacks in it,
    /// B = the ticks before it breaks open. Sent again when you log in while it stands.
    /// </summary>
    GravestoneCreated = 38,

    /// <summary>
    /// Your gravestone (<see cref="GameEvent.Other"/>) broke open and its items lie on the ground for anyone (A = the stacks),
    /// or you emptied it (A = 0).
    /// </summary>
    GravestoneBroken = 39,
}
