using System.Collections.Concurrent;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Applies the queued player intents, in arrival order. Every field is validated: a refused
/// action changes nothing and answers with <see cref="GameEventKind.ActionRejected"/> and a reason.
/// </summary>
internal sealed class ActionSystem : IGameSystem
{
    /// <summary>Ticks eating delays the next attack.</summary>
    public const int EatAttackDelay = 3;

    /// <summary>Ticks from one food to the next: three lobsters in one tick would heal 36.</summary>
    public const int EatDelay = 3;

    /// <summary>Ticks an emote plays.</summary>
    public const int EmoteTicks = 4;

    /// <summary>The highest emote id.</summary>
    public const int MaxEmoteId = 64;

    /// <summary>How far from a bank booth or a shopkeeper its service can be used (Chebyshev tiles), as Hyperscape's banks.</summary>
    public const int ServiceRange = 2;

    private readonly ConcurrentQueue<PlayerAction> _queue;
    private readonly Tile[] _waypoints = new Tile[Movement.MaxWaypoints];

    /// <summary>Creates the system over the queue the simulation fills.</summary>
    public ActionSystem(ConcurrentQueue<PlayerAction> queue) => _queue = queue;

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        // Drain only what was queued before the tick began, so a flood cannot stretch a tick.
        var budget = _queue.Count;
        while (budget-- > 0 && _queue.TryDequeue(out var action))
        {
            RejectionReason result;
            try
            {
                context.ActionProbe?.Invoke(action);
                result = Apply(context, action);
            }
            catch (Exception exception)
            {
                // A bug met while applying one player's intent is that player's: the tick goes on
                // for everyone else, and the host takes the player out of the world.
                context.Faults.Add(new PlayerFault(action.PlayerId, action, exception));
                continue;
            }

            if (result != RejectionReason.None)
            {
                context.Emit(new GameEvent(GameEventKind.ActionRejected, action.PlayerId, A: (int)action.Kind, Reason: result));
            }
        }
    }

    /// <summary>Validates and applies one action; returns why it was refused, or None.</summary>
    public RejectionReason Apply(GameContext context, in PlayerAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        var world = context.World;
        if (!context.TryResolve(action.PlayerId, out var player) || !world.Has<Player>(player))
        {
            return RejectionReason.UnknownPlayer;
        }

        if (world.Has<Dying>(player))
        {
            return RejectionReason.PlayerDead;
        }

        // Halfway over an obstacle there is nothing else to do but settings.
        if (world.GetReadOnly<Agility>(player).Crossing && action.Kind is not (ActionKind.SetRun or ActionKind.SetAttackStyle or ActionKind.SetAutoRetaliate
            or ActionKind.TogglePrayer or ActionKind.BankClose or ActionKind.ShopClose or ActionKind.TradeDecline))
        {
            return RejectionReason.Busy;
        }

        // A ghost is another zone's entity: attacking, trading or picking it up would act on
        // something this zone does not own.
        if (action.Target != 0 && context.TryResolve(action.Target, out var aimed) && world.Has<Ghost>(aimed))
        {
            return RejectionReason.InAnotherZone;
        }

        var busy = context.Trades.IsTrading(action.PlayerId);
        var result = action.Kind switch
        {
            ActionKind.Move => Move(context, player, action),
            ActionKind.SetRun => ParseFlag(action.Value, out var run) ?? SetRun(world, player, run),
            ActionKind.Attack => Attack(context, player, action.Target),
            ActionKind.Pickup => busy ? RejectionReason.Busy : Pickup(context, player, action),
            ActionKind.Drop => busy ? RejectionReason.Busy : Drop(context, player, action),
            ActionKind.Equip => busy ? RejectionReason.Busy : Equip(context, player, action),
            ActionKind.Unequip => busy ? RejectionReason.Busy : Unequip(context, player, action),
            ActionKind.Eat => busy ? RejectionReason.Busy : Eat(context, player, action),
            ActionKind.TradeRequest => context.Trades.Request(player, action.PlayerId, action.Target),
            ActionKind.TradeOffer => context.Trades.Offer(player, action.PlayerId, action.Slot, action.Quantity),
            ActionKind.TradeAccept => context.Trades.Accept(action.PlayerId),
            ActionKind.TradeDecline => context.Trades.Decline(action.PlayerId),
            ActionKind.Emote => PlayEmote(context, player, action),
            ActionKind.SetAttackStyle => SetStyle(world, player, action.Value),
            ActionKind.SetAutoRetaliate => ParseFlag(action.Value, out var on) ?? SetAutoRetaliate(world, player, on),
            ActionKind.TogglePrayer => TogglePrayer(context, player, action),
            ActionKind.Bury => busy ? RejectionReason.Busy : Bury(context, player, action),
            ActionKind.PrayAtAltar => PrayAtAltar(context, player, action),
            ActionKind.Interact => busy ? RejectionReason.Busy : Interact(context, player, action),
            ActionKind.BankDeposit => busy ? RejectionReason.Busy : BankActions.BankDeposit(context, player, action),
            ActionKind.BankWithdraw => busy ? RejectionReason.Busy : BankActions.BankWithdraw(context, player, action),
            ActionKind.BankDepositAll => busy ? RejectionReason.Busy : BankActions.BankDepositAll(context, player, action.PlayerId),
            ActionKind.BankClose => BankActions.CloseBank(context, action.PlayerId),
            ActionKind.ShopBuy => busy ? RejectionReason.Busy : ShopActions.ShopBuy(context, player, action),
            ActionKind.ShopSell => busy ? RejectionReason.Busy : ShopActions.ShopSell(context, player, action),
            ActionKind.Light => busy ? RejectionReason.Busy : MakingActions.Light(context, player, action),
            ActionKind.UseItemOnObject => busy ? RejectionReason.Busy : MakingActions.UseItemOnObject(context, player, action),
            ActionKind.Make => busy ? RejectionReason.Busy : MakingActions.Make(context, player, action),
            ActionKind.CastSpell => MagicActions.CastSpell(context, player, action),
            ActionKind.SetAutocast => MagicActions.SetAutocast(context, player, action.Value),
            ActionKind.LootGravestone => busy ? RejectionReason.Busy : GravestoneActions.Loot(context, player, action),
            ActionKind.ShopClose => context.Shops.Close(action.PlayerId) ? ShopActions.Closed(context, action.PlayerId) : RejectionReason.NoShop,
            _ => RejectionReason.UnknownAction,
        };

        // Doing something else ends gathering, as walking off or eating does in OSRS; walking
        // off, fighting or trading closes the bank.
        if (result == RejectionReason.None && action.Kind is ActionKind.Move or ActionKind.Attack or ActionKind.CastSpell or ActionKind.Pickup or ActionKind.LootGravestone or ActionKind.Eat
            or ActionKind.Bury or ActionKind.PrayAtAltar or ActionKind.TradeRequest or ActionKind.Emote)
        {
            context.StopWork(player, RejectionReason.None, tell: false);
        }

        if (result == RejectionReason.None && action.Kind is ActionKind.Move or ActionKind.Attack or ActionKind.CastSpell or ActionKind.Pickup or ActionKind.TradeRequest)
        {
            context.CloseBank(action.PlayerId);
            context.CloseShop(action.PlayerId);
        }

        return result;
    }

    private RejectionReason Move(GameContext context, Entity player, in PlayerAction action)
    {
        if (!TryTileOf(action, out var goal) || !context.Map.Contains(goal))
        {
            return RejectionReason.InvalidCoordinates;
        }

        var world = context.World;
        var start = world.GetReadOnly<Position>(player).Tile;
        if (start.DistanceTo(goal) > Pathfinder.MaxDistance)
        {
            return RejectionReason.TargetTooFar;
        }

        return WalkTo(context, player, start, goal);
    }

    /// <summary>Sets a player walking from <paramref name="start"/> to <paramref name="goal"/>; ends any attack.</summary>
    private RejectionReason WalkTo(GameContext context, Entity player, Tile start, Tile goal)
    {
        var world = context.World;
        var path = context.Pathfinder.Find(start, goal, _waypoints);
        if (path.Outcome == PathOutcome.Refused)
        {
            return RejectionReason.Unreachable;
        }

        ref var movement = ref world.Get<Movement>(player);
        movement.Stop();
        _waypoints.AsSpan(0, path.WaypointCount).CopyTo(movement.Waypoints);
        movement.Count = (byte)path.WaypointCount;
        movement.Destination = path.End;
        movement.HasDestination = path.WaypointCount > 0;

        // Walking away ends an attack, as clicking the ground does in OSRS.
        world.Get<CombatState>(player).Target = Entity.Null;
        return RejectionReason.None;
    }

    private RejectionReason Interact(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (context.TryResolve(action.Target, out var placed) && world.TryGet<CourseObstacle>(placed, out var obstacle))
        {
            return StartObstacle(context, player, placed, obstacle);
        }

        if (context.TryResolve(action.Target, out placed) && world.TryGet<WorldObject>(placed, out var worldObject))
        {
            return BankActions.UseBooth(context, player, action.PlayerId, placed, worldObject.Kind);
        }

        if (context.TryResolve(action.Target, out var keeper) && world.TryGet<Npc>(keeper, out var npc))
        {
            return ShopActions.OpenShop(context, player, action.PlayerId, keeper, context.Npcs[npc.DefinitionId].ShopId);
        }

        if (!context.TryResolve(action.Target, out var node) || !world.Has<ResourceNode>(node))
        {
            return RejectionReason.TargetNotFound;
        }

        var state = world.GetReadOnly<ResourceNode>(node);
        if (state.Depleted)
        {
            return RejectionReason.Depleted;
        }

        var check = GatheringRules.Check(context.Resources[state.DefinitionId], world.GetReadOnly<Inventory>(player), world.GetReadOnly<Equipment>(player), world.GetReadOnly<Skills>(player), context.Items, out _);
        if (check != RejectionReason.None)
        {
            return check;
        }

        var start = world.GetReadOnly<Position>(player).Tile;
        var at = world.GetReadOnly<Position>(node).Tile;
        if (start.DistanceTo(at) > context.Options.AttackRange)
        {
            return RejectionReason.TargetTooFar;
        }

        if (start.DistanceTo(at) > 1)
        {
            if (StandingPlaceBeside(context.Map, at, start) is not { } stand || WalkTo(context, player, start, stand) != RejectionReason.None)
            {
                return RejectionReason.Unreachable;
            }
        }
        else
        {
            world.Get<Movement>(player).Stop();
            world.Get<CombatState>(player).Target = Entity.Null;
        }

        context.StopWork(player, RejectionReason.None, tell: false);
        world.Get<Gathering>(player) = new Gathering { Node = node, NextRollTick = context.Tick + 1 };
        return RejectionReason.None;
    }

    /// <summary>Walks the player up to an obstacle; the <see cref="AgilitySystem"/> starts the crossing on arrival.</summary>
    private RejectionReason StartObstacle(GameContext context, Entity player, Entity placed, CourseObstacle place)
    {
        var world = context.World;
        var obstacle = context.Options.AgilityCourses[place.Course].Obstacles[place.Index];
        if (world.GetReadOnly<Skills>(player).Level(Skill.Agility) < obstacle.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        var start = world.GetReadOnly<Position>(player).Tile;
        if (start.DistanceTo(obstacle.At) > context.Options.AttackRange)
        {
            return RejectionReason.TargetTooFar;
        }

        context.StopWork(player, RejectionReason.None, tell: false);
        if (start.DistanceTo(obstacle.At) > 1)
        {
            if (StandingPlaceBeside(context.Map, obstacle.At, start) is not { } stand || WalkTo(context, player, start, stand) != RejectionReason.None)
            {
                return RejectionReason.Unreachable;
            }
        }
        else
        {
            world.Get<Movement>(player).Stop();
            world.Get<CombatState>(player).Target = Entity.Null;
        }

        world.Get<Agility>(player).Obstacle = placed;
        return RejectionReason.None;
    }

    /// <summary>The walkable tile around <paramref name="target"/> nearest to <paramref name="from"/>, if any.</summary>
    private static Tile? StandingPlaceBeside(TileMap map, Tile target, Tile from)
    {
        Tile? best = null;
        var bestDistance = int.MaxValue;
        for (var dz = -1; dz <= 1; dz++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var tile = new Tile(target.X + dx, target.Z + dz);
                var distance = Math.Abs(tile.X - from.X) + Math.Abs(tile.Z - from.Z);
                if ((dx != 0 || dz != 0) && map.Contains(tile) && map.IsWalkable(tile) && distance < bestDistance)
                {
                    best = tile;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The tile an action names: whole coordinates, nothing else is quietly rounded into one (a
    /// NaN, an infinity or 127.5 is no tile).
    /// </summary>
    private static bool TryTileOf(in PlayerAction action, out Tile tile)
    {
        var whole = float.IsFinite(action.X) && float.IsFinite(action.Z) && float.IsInteger(action.X) && float.IsInteger(action.Z);
        tile = whole ? new Position(action.X, 0, action.Z).Tile : default;
        return whole;
    }

    private static RejectionReason SetRun(World world, Entity player, bool running)
    {
        world.Get<Movement>(player).Running = running;
        return RejectionReason.None;
    }

    private static RejectionReason Attack(GameContext context, Entity player, long targetId)
    {
        var world = context.World;
        if (AttackableTarget(context, player, targetId, out var target) is not RejectionReason.None and var refused)
        {
            return refused;
        }

        ref var combat = ref world.Get<CombatState>(player);
        combat.Target = target;
        combat.Spell = 0;
        ref var movement = ref world.Get<Movement>(player);
        movement.Stop();

        // A melee fighter closes in; an archer, or a mage autocasting, stays put and the combat
        // phase walks it only when the target is out of its reach or sight.
        if (world.GetReadOnly<CombatBonuses>(player).Weapon != WeaponCategory.Bow && combat.Autocast == 0)
        {
            movement.Follow = target;
        }

        return RejectionReason.None;
    }

    /// <summary>The NPC a player may attack or cast at, or why not.</summary>
    internal static RejectionReason AttackableTarget(GameContext context, Entity player, long targetId, out Entity target)
    {
        var world = context.World;
        if (!context.TryResolve(targetId, out target))
        {
            return RejectionReason.TargetNotFound;
        }

        // Player-versus-player combat is off in this world; only NPCs can be attacked, and not shopkeepers.
        if (!world.Has<Npc>(target) || world.GetReadOnly<Health>(target).IsDead || context.Npcs[world.GetReadOnly<Npc>(target).DefinitionId].ShopId != 0)
        {
            return RejectionReason.InvalidTarget;
        }

        var distance = world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(target).Tile);
        return distance > context.Options.AttackRange ? RejectionReason.TargetTooFar : RejectionReason.None;
    }

    private static RejectionReason Pickup(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (!context.TryResolve(action.Target, out var itemEntity) || !world.Has<GroundItem>(itemEntity))
        {
            return RejectionReason.TargetNotFound;
        }

        var ground = world.GetReadOnly<GroundItem>(itemEntity);
        var distance = world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(itemEntity).Tile);
        if (distance > context.Options.PickupRange)
        {
            return RejectionReason.TargetTooFar;
        }

        if (ground.OwnerId != 0 && ground.OwnerId != action.PlayerId && context.Tick < ground.ProtectedUntilTick)
        {
            return RejectionReason.NotYourItem;
        }

        if (!context.Items.TryGet(ground.ItemId, out var item))
        {
            return RejectionReason.UnknownItem;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        var added = InventoryRules.TryAdd(ref inventory, item, ground.Quantity);
        if (added != RejectionReason.None)
        {
            return added;
        }

        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        context.RemoveGroundItem(itemEntity, action.PlayerId, transaction);
        context.RecordItems(transaction, ItemTransactionKind.Pickup, [player], [], [action.Target]);
        return RejectionReason.None;
    }

    private static RejectionReason Drop(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (!InventoryRules.IsValidSlot(action.Slot))
        {
            return RejectionReason.InvalidSlot;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        var stack = inventory.Slots[action.Slot];
        var taken = InventoryRules.TryTake(ref inventory, action.Slot, stack.Quantity, out var dropped);
        if (taken != RejectionReason.None)
        {
            return taken;
        }

        var tile = world.GetReadOnly<Position>(player).Tile;
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        var ground = context.SpawnGroundItem(dropped, tile, action.PlayerId, transaction, source: null);
        context.RecordItems(transaction, ItemTransactionKind.Drop, [player], [ground], []);
        return RejectionReason.None;
    }

    private static RejectionReason Equip(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        var result = EquipmentRules.TryEquip(ref world.Get<Inventory>(player), ref world.Get<Equipment>(player), action.Slot, context.Items, world.GetReadOnly<Skills>(player));
        return result == RejectionReason.None ? EquipmentChanged(context, player, action.PlayerId) : result;
    }

    private static RejectionReason Unequip(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        var result = EquipmentRules.TryUnequip(ref world.Get<Inventory>(player), ref world.Get<Equipment>(player), action.Slot, context.Items);
        return result == RejectionReason.None ? EquipmentChanged(context, player, action.PlayerId) : result;
    }

    private static RejectionReason EquipmentChanged(GameContext context, Entity player, long playerId)
    {
        var world = context.World;
        context.EquipmentChanged(player);
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.EquipmentChanged, playerId, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Equipment, [player], [], []);
        return RejectionReason.None;
    }

    /// <summary>The item in the inventory slot an action names, or why there is none.</summary>
    /// <summary>The item in an inventory slot the client named, or why there is none.</summary>
    internal static RejectionReason ItemInSlot(GameContext context, Entity player, int slot, out ItemDefinition? item)
    {
        item = null;
        if (!InventoryRules.IsValidSlot(slot))
        {
            return RejectionReason.InvalidSlot;
        }

        var stack = context.World.GetReadOnly<Inventory>(player).Slots[slot];
        if (stack.IsEmpty)
        {
            return RejectionReason.EmptySlot;
        }

        return context.Items.TryGet(stack.ItemId, out item) ? RejectionReason.None : RejectionReason.UnknownItem;
    }

    private static RejectionReason Eat(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (ItemInSlot(context, player, action.Slot, out var food) is not RejectionReason.None and var missing)
        {
            return missing;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        if (!food!.Edible)
        {
            return RejectionReason.NotEdible;
        }

        ref var combat = ref world.Get<CombatState>(player);
        if (context.Tick < combat.NextEatTick)
        {
            return RejectionReason.TooSoon;
        }

        InventoryRules.TryTake(ref inventory, action.Slot, 1, out _);
        ref var health = ref world.Get<Health>(player);
        var healed = Math.Min(food.Heals, health.Max - health.Current);
        health.Current += healed;
        combat.NextEatTick = context.Tick + EatDelay;
        combat.NextAttackTick = Math.Max(combat.NextAttackTick, context.Tick + EatAttackDelay);
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, action.PlayerId, A: food.Id, B: 1, C: (int)ItemSink.Eaten, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.Healed, action.PlayerId, A: healed, B: health.Current));
        context.RecordItems(transaction, ItemTransactionKind.Eat, [player], [], []);
        return RejectionReason.None;
    }

    private static RejectionReason PlayEmote(GameContext context, Entity player, in PlayerAction action)
    {
        if (action.Value is < 1 or > MaxEmoteId)
        {
            return RejectionReason.InvalidValue;
        }

        context.World.Set(player, new Emote(action.Value, context.Tick + EmoteTicks));
        context.Emit(new GameEvent(GameEventKind.EmotePlayed, action.PlayerId, A: action.Value));
        return RejectionReason.None;
    }

    private static RejectionReason SetStyle(World world, Entity player, int value)
    {
        // A button of the wielded weapon's options: 0..2 bare-handed, 0..3 with most weapons.
        var weapon = world.GetReadOnly<CombatBonuses>(player).Weapon;
        if ((uint)value >= (uint)WeaponStyles.Options(weapon).Length)
        {
            return RejectionReason.InvalidValue;
        }

        WeaponStyles.Select(ref world.Get<CombatState>(player), weapon, value);
        return RejectionReason.None;
    }

    private static RejectionReason TogglePrayer(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (!context.Prayers.IsDefined(action.Value))
        {
            return RejectionReason.InvalidValue;
        }

        if (ParseFlag(action.Quantity, out var on) is { } invalid)
        {
            return invalid;
        }

        return PrayerRules.Toggle(context.Prayers, ref world.Get<PrayerState>(player), (Prayer)action.Value, on, world.GetReadOnly<Skills>(player).Level(Skill.Prayer));
    }

    private static RejectionReason Bury(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (ItemInSlot(context, player, action.Slot, out var bones) is not RejectionReason.None and var missing)
        {
            return missing;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        if (bones!.BuryXpTenths <= 0)
        {
            return RejectionReason.NotBuryable;
        }

        InventoryRules.TryTake(ref inventory, action.Slot, 1, out _);
        ref var skills = ref world.Get<Skills>(player);

        // A prayer level gained is a prayer point gained, as in OSRS.
        world.Get<PrayerState>(player).Points += context.GainXp(ref skills, action.PlayerId, Skill.Prayer, bones.BuryXpTenths);

        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, action.PlayerId, A: bones.Id, B: 1, C: (int)ItemSink.Buried, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Bury, [player], [], []);
        return RejectionReason.None;
    }

    private static RejectionReason PrayAtAltar(GameContext context, Entity player, in PlayerAction action)
    {
        if (!TryTileOf(action, out var altar))
        {
            return RejectionReason.InvalidCoordinates;
        }

        var altars = context.Options.Altars;
        var found = false;
        for (var i = 0; i < altars.Count && !found; i++)
        {
            found = altars[i] == altar;
        }

        if (!found)
        {
            return RejectionReason.NoAltar;
        }

        var world = context.World;
        if (world.GetReadOnly<Position>(player).Tile.DistanceTo(altar) > 1)
        {
            return RejectionReason.TargetTooFar;
        }

        world.Get<PrayerState>(player).Points = world.GetReadOnly<Skills>(player).Level(Skill.Prayer);
        return RejectionReason.None;
    }

    private static RejectionReason SetAutoRetaliate(World world, Entity player, bool on)
    {
        world.Get<CombatState>(player).AutoRetaliate = on;
        return RejectionReason.None;
    }

    /// <summary>Parses a 0/1 flag; returns a rejection for anything else, or null when it parsed.</summary>
    private static RejectionReason? ParseFlag(int value, out bool flag)
    {
        flag = value == 1;
        return value is 0 or 1 ? null : RejectionReason.InvalidValue;
    }
}
