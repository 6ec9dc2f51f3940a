using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Players making things, an attempt every <see cref="AttemptTicks"/>: lighting logs (the skilling
/// roll until one takes; the fire appears where the player stands) and cooking a batch at a fire
/// or range (one item an attempt, cooked at the food's odds or burnt, never burnt from its
/// stop-burn level), and making a recipe's product: its inputs used up at its station, the
/// product made (or lost, at the recipe's odds), one make every recipe's ticks. Each attempt
/// that uses an item is an item transaction.
/// </summary>
internal sealed class ProcessingSystem : IGameSystem
{
    /// <summary>Ticks between attempts, as OSRS's cooking and firemaking run.</summary>
    public const int AttemptTicks = 4;

    private static readonly QueryDescription Makers = new QueryDescription().WithAll<Processing, Player>().WithNone<Dying>();
    private readonly Query _makers;
    private readonly List<Entity> _due = [];

    /// <summary>Creates the system and resolves its query once.</summary>
    public ProcessingSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _makers = world.Query(Makers);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var chunk in _makers.GetChunks())
        {
            var work = chunk.GetReadOnlySpan<Processing>();
            var entities = chunk.Entities;
            for (var i = 0; i < work.Length; i++)
            {
                if (work[i].Active && context.Tick >= work[i].NextTick)
                {
                    _due.Add(entities[i]);
                }
            }
        }

        // After the walk: a fire lit is an entity created, which the query must not see happen.
        foreach (var player in _due)
        {
            Attempt(context, player);
        }

        _due.Clear();
    }

    private static void Attempt(GameContext context, Entity player)
    {
        var world = context.World;
        ref var work = ref world.Get<Processing>(player);
        if (work.Kind == ProcessingKind.Make)
        {
            Make(context, player);
            return;
        }

        work.NextTick = context.Tick + AttemptTicks;

        var slot = InventoryRules.FindStack(world.GetReadOnly<Inventory>(player), work.ItemId);
        if (slot < 0 || !context.Items.TryGet(work.ItemId, out var item))
        {
            context.StopWork(player, RejectionReason.NoMaterials);
            return;
        }

        if (work.Kind == ProcessingKind.Light)
        {
            Light(context, player, item, slot);
        }
        else
        {
            Cook(context, player, item, slot);
        }
    }

    private static void Light(GameContext context, Entity player, ItemDefinition logs, int slot)
    {
        var world = context.World;
        var burnable = logs.Burnable!;
        var level = world.GetReadOnly<Skills>(player).Level(Skill.Firemaking);
        if (InventoryRules.FindStack(world.GetReadOnly<Inventory>(player), burnable.ToolId) < 0)
        {
            context.StopWork(player, RejectionReason.NoTool);
            return;
        }

        var tile = world.GetReadOnly<Position>(player).Tile;
        if (context.ObjectOn(tile))
        {
            context.StopWork(player, RejectionReason.NoRoomForFire);
            return;
        }

        if (context.Random.Next(256) >= GatheringRules.SuccessRoll(burnable.Low, burnable.High, level))
        {
            return;
        }

        var playerId = context.NetworkIdOf(player);
        InventoryRules.TryTake(ref world.Get<Inventory>(player), slot, 1, out _);
        var fire = context.SpawnFire(tile, burnable.AshesId);
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, playerId, A: logs.Id, B: 1, C: (int)ItemSink.Burned, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.Made, playerId, context.NetworkIdOf(fire), 0, 1, (int)Skill.Firemaking, Transaction: transaction));
        context.GainXp(ref world.Get<Skills>(player), playerId, Skill.Firemaking, burnable.XpTenths);
        context.RecordItems(transaction, ItemTransactionKind.Make, [player], [], []);
        world.Get<Processing>(player) = default;
    }

    private static void Cook(GameContext context, Entity player, ItemDefinition raw, int slot)
    {
        var world = context.World;
        ref var work = ref world.Get<Processing>(player);
        var station = work.Station;
        if (StationOutOfReach(context, player, station) is not RejectionReason.None and var gone)
        {
            context.StopWork(player, gone);
            return;
        }

        var cookable = raw.Cookable!;
        var level = world.GetReadOnly<Skills>(player).Level(Skill.Cooking);
        var cooked = context.Random.Next(256) < cookable.CookRoll(level);
        var productId = cooked ? cookable.IntoId : cookable.BurntId;

        // The raw item's own slot takes the product: a full inventory never stops cooking.
        ref var inventory = ref world.Get<Inventory>(player);
        var before = inventory;
        InventoryRules.TryTake(ref inventory, slot, 1, out _);
        if (InventoryRules.TryAdd(ref inventory, context.Items[productId], 1) is not RejectionReason.None and var full)
        {
            // Only raw food that stacks can get here: its slot did not empty.
            inventory = before;
            context.StopWork(player, full);
            return;
        }

        var playerId = context.NetworkIdOf(player);
        var stationId = context.NetworkIdOf(station);
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, playerId, A: raw.Id, B: 1, C: (int)ItemSink.Cooked, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.ItemsCreated, playerId, A: productId, B: 1, C: (int)ItemSource.Cooked, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: transaction));
        if (cooked)
        {
            context.Emit(new GameEvent(GameEventKind.Made, playerId, stationId, productId, 1, (int)Skill.Cooking, Transaction: transaction));
            context.GainXp(ref world.Get<Skills>(player), playerId, Skill.Cooking, cookable.XpTenths);
        }
        else
        {
            context.Emit(new GameEvent(GameEventKind.Burnt, playerId, stationId, productId, Transaction: transaction));
        }

        context.RecordItems(transaction, ItemTransactionKind.Make, [player], [], []);
        if (--work.Remaining <= 0)
        {
            work = default;
        }
    }

    private static void Make(GameContext context, Entity player)
    {
        var world = context.World;
        ref var work = ref world.Get<Processing>(player);
        var recipe = context.Recipes.TryGet(work.ItemId, out var found) ? found : null;
        var station = work.Station;
        if (recipe is null)
        {
            context.StopWork(player, RejectionReason.CannotMake);
            return;
        }

        work.NextTick = context.Tick + recipe.Ticks;
        if (recipe.Station is not null && StationOutOfReach(context, player, station) is not RejectionReason.None and var gone)
        {
            context.StopWork(player, gone);
            return;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        var level = world.GetReadOnly<Skills>(player).Level(recipe.Skill);
        if (RecipeRules.Check(recipe, inventory, world.GetReadOnly<Skills>(player)) is not RejectionReason.None and var cannot)
        {
            context.StopWork(player, cannot);
            return;
        }

        var sets = recipe.All ? RecipeRules.Sets(recipe, inventory) : 1;
        var succeeded = recipe.SuccessPercent >= 100 || context.Random.Next(100) < recipe.SuccessPercent;
        if (RecipeRules.TryMake(recipe, ref inventory, context.Items, sets, level, succeeded, out var made) is not RejectionReason.None and var full)
        {
            context.StopWork(player, full);
            return;
        }

        var playerId = context.NetworkIdOf(player);
        var stationId = station.IsNull ? 0 : context.NetworkIdOf(station);
        var transaction = context.NewTransactionId();
        foreach (var input in recipe.Inputs)
        {
            context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, playerId, A: input.ItemId, B: input.Quantity * sets, C: (int)ItemSink.Made, Transaction: transaction));
        }

        if (succeeded)
        {
            context.Emit(new GameEvent(GameEventKind.ItemsCreated, playerId, A: recipe.ProductId, B: made, C: (int)ItemSource.Made, Transaction: transaction));
            context.Emit(new GameEvent(GameEventKind.Made, playerId, stationId, recipe.ProductId, made, (int)recipe.Skill, Transaction: transaction));
            context.GainXp(ref world.Get<Skills>(player), playerId, recipe.Skill, recipe.XpTenths * sets);
        }
        else
        {
            context.Emit(new GameEvent(GameEventKind.MakeFailed, playerId, stationId, recipe.ProductId, Transaction: transaction));
        }

        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Make, [player], [], []);
        ref var after = ref world.Get<Processing>(player);
        if (recipe.All || --after.Remaining <= 0)
        {
            after = default;
        }
    }

    /// <summary>Why the fire, range or other station a player works at can no longer be used (a fire went out; the player moved off), or None.</summary>
    private static RejectionReason StationOutOfReach(GameContext context, Entity player, Entity station)
    {
        var world = context.World;
        if (!world.IsAlive(station) || !world.Has<WorldObject>(station))
        {
            return RejectionReason.TargetNotFound;
        }

        return world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(station).Tile) > 1 ? RejectionReason.TargetTooFar : RejectionReason.None;
    }
}
