using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// The shop's actions: opening at a shopkeeper, buying, selling, closing. Each purchase or sale is
/// one item transaction (coins and items together), shown once durable.
/// </summary>
internal static class ShopActions
{
    /// <summary>Talk to a shopkeeper within reach: its shop opens.</summary>
    public static RejectionReason OpenShop(GameContext context, Entity player, long playerId, Entity keeper, int shopId)
    {
        if (shopId == 0)
        {
            return RejectionReason.InvalidTarget;
        }

        var world = context.World;
        if (world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(keeper).Tile) > ActionSystem.ServiceRange)
        {
            return RejectionReason.TargetTooFar;
        }

        context.StopWork(player, RejectionReason.None, tell: false);
        context.Shops.Open(playerId, shopId);
        context.Emit(new GameEvent(GameEventKind.ShopOpened, playerId, context.NetworkIdOf(keeper), A: shopId));
        return RejectionReason.None;
    }

    /// <summary>Tells the player their shop closed.</summary>
    public static RejectionReason Closed(GameContext context, long playerId)
    {
        context.Emit(new GameEvent(GameEventKind.ShopClosed, playerId));
        return RejectionReason.None;
    }

    /// <summary>Buy from a line of the open shop.</summary>
    public static RejectionReason ShopBuy(GameContext context, Entity player, in PlayerAction action)
    {
        if (!context.Shops.TryGetOpen(action.PlayerId, out var shop))
        {
            return RejectionReason.NoShop;
        }

        if ((uint)action.Slot >= (uint)shop.Lines.Count)
        {
            return RejectionReason.InvalidSlot;
        }

        if (action.Quantity <= 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        var line = shop.Lines[action.Slot];
        if (line.Quantity == 0)
        {
            return RejectionReason.OutOfStock;
        }

        // As many as were asked for, the shop has and (for items that do not stack) fit.
        ref var inventory = ref context.World.Get<Inventory>(player);
        var item = context.Items[line.ItemId];
        var count = Math.Min(action.Quantity, line.Quantity);
        if (!item.Stackable)
        {
            count = Math.Min(count, InventoryRules.FreeSlots(inventory));
        }

        var price = shop.Definition.PriceToBuy(item.Value);
        var cost = (long)price * count;
        if (count == 0)
        {
            return RejectionReason.InventoryFull;
        }

        if (InventoryRules.CountOf(inventory, ItemIds.Coins) < cost)
        {
            return RejectionReason.NotEnoughCoins;
        }

        // Paying may empty the coins' slot, which the purchase may then need: check after paying.
        var before = inventory;
        TakeCoins(ref inventory, (int)cost);
        if (InventoryRules.TryAdd(ref inventory, item, count) is not RejectionReason.None and var refused)
        {
            inventory = before;
            return refused;
        }

        shop.Take(action.Slot, count);
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, action.PlayerId, A: ItemIds.Coins, B: (int)cost, C: (int)ItemSink.Spent, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.ItemsCreated, action.PlayerId, A: item.Id, B: count, C: (int)ItemSource.Bought, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Shop, [player], [], []);
        return RejectionReason.None;
    }

    /// <summary>Sell an inventory item to the open shop.</summary>
    public static RejectionReason ShopSell(GameContext context, Entity player, in PlayerAction action)
    {
        if (!context.Shops.TryGetOpen(action.PlayerId, out var shop))
        {
            return RejectionReason.NoShop;
        }

        if (ActionSystem.ItemInSlot(context, player, action.Slot, out var item) is not RejectionReason.None and var missing)
        {
            return missing;
        }

        if (action.Quantity < 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        if (!shop.Buys(item!.Id) || !shop.HasRoomFor(item.Id))
        {
            return RejectionReason.ShopWontBuy;
        }

        ref var inventory = ref context.World.Get<Inventory>(player);
        var carried = (int)Math.Min(int.MaxValue, InventoryRules.CountOf(inventory, item.Id));
        var count = action.Quantity == 0 ? carried : Math.Min(action.Quantity, carried);
        var payment = (long)shop.Definition.PriceToSell(item.Value) * count;
        var coins = context.Items[ItemIds.Coins];
        if (payment > int.MaxValue || (payment > 0 && InventoryRules.FindStack(inventory, ItemIds.Coins) >= 0 && InventoryRules.CheckAdd(inventory, coins, (int)payment) is not RejectionReason.None))
        {
            return RejectionReason.QuantityOverflow;
        }

        var before = inventory;
        InventoryRules.TakeItems(ref inventory, item.Id, count, action.Slot);

        // The sold items free the slot the coins may need.
        if (payment > 0 && InventoryRules.TryAdd(ref inventory, coins, (int)payment) is not RejectionReason.None and var refused)
        {
            inventory = before;
            return refused;
        }

        shop.Add(item.Id, count);
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, action.PlayerId, A: item.Id, B: count, C: (int)ItemSink.Sold, Transaction: transaction));
        if (payment > 0)
        {
            context.Emit(new GameEvent(GameEventKind.ItemsCreated, action.PlayerId, A: ItemIds.Coins, B: (int)payment, C: (int)ItemSource.SalePrice, Transaction: transaction));
        }

        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Shop, [player], [], []);
        return RejectionReason.None;
    }

    /// <summary>Takes coins from the inventory's stack (the caller checked there are enough).</summary>
    private static void TakeCoins(ref Inventory inventory, int amount)
    {
        if (amount > 0)
        {
            InventoryRules.TryTake(ref inventory, InventoryRules.FindStack(inventory, ItemIds.Coins), amount, out _);
        }
    }
}
