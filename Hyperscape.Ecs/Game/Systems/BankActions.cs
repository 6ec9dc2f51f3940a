using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// The bank's actions: opening at a booth, deposits, withdrawals, closing. Each move of items is
/// one item transaction (inventory and bank together), shown once durable.
/// </summary>
internal static class BankActions
{
    /// <summary>Use a fixed object: a bank booth within reach opens the bank; other objects have no use of their own (InvalidTarget).</summary>
    public static RejectionReason UseBooth(GameContext context, Entity player, long playerId, Entity placed, WorldObjectKind kind)
    {
        if (kind != WorldObjectKind.BankBooth)
        {
            return RejectionReason.InvalidTarget;
        }

        var world = context.World;
        var booth = world.GetReadOnly<Position>(placed).Tile;
        if (world.GetReadOnly<Position>(player).Tile.DistanceTo(booth) > ActionSystem.ServiceRange)
        {
            return RejectionReason.TargetTooFar;
        }

        context.StopWork(player, RejectionReason.None, tell: false);
        context.Banks[playerId].OpenAt = booth;
        context.Emit(new GameEvent(GameEventKind.BankOpened, playerId, context.NetworkIdOf(placed)));
        return RejectionReason.None;
    }

    /// <summary>The player's open bank, still within reach of its booth; else why not (and a bank out of reach closes).</summary>
    private static RejectionReason OpenBank(GameContext context, Entity player, long playerId, out Banking.Bank bank)
    {
        bank = context.Banks[playerId];
        if (bank.OpenAt is not { } booth)
        {
            return RejectionReason.NoBank;
        }

        if (context.World.GetReadOnly<Position>(player).Tile.DistanceTo(booth) > ActionSystem.ServiceRange)
        {
            context.CloseBank(playerId);
            return RejectionReason.NoBank;
        }

        return RejectionReason.None;
    }

    /// <summary>Deposit part or all of an inventory item into the open bank.</summary>
    public static RejectionReason BankDeposit(GameContext context, Entity player, in PlayerAction action)
    {
        if (OpenBank(context, player, action.PlayerId, out var bank) is not RejectionReason.None and var closed)
        {
            return closed;
        }

        if (ActionSystem.ItemInSlot(context, player, action.Slot, out var item) is not RejectionReason.None and var missing)
        {
            return missing;
        }

        if (action.Quantity < 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        // Quantity 0 is every one carried; a non-stackable item comes from as many slots as it takes.
        ref var inventory = ref context.World.Get<Inventory>(player);
        var carried = (int)Math.Min(int.MaxValue, InventoryRules.CountOf(inventory, item!.Id));
        var count = action.Quantity == 0 ? carried : Math.Min(action.Quantity, carried);
        if (bank.CheckDeposit(item.Id, count) is not RejectionReason.None and var refused)
        {
            return refused;
        }

        InventoryRules.TakeItems(ref inventory, item.Id, count, action.Slot);

        bank.Deposit(item.Id, count);
        BankChanged(context, player, action.PlayerId);
        return RejectionReason.None;
    }

    /// <summary>Withdraw from a bank slot into free inventory slots.</summary>
    public static RejectionReason BankWithdraw(GameContext context, Entity player, in PlayerAction action)
    {
        if (OpenBank(context, player, action.PlayerId, out var bank) is not RejectionReason.None and var closed)
        {
            return closed;
        }

        if ((uint)action.Slot >= Banking.Bank.SlotCount)
        {
            return RejectionReason.InvalidSlot;
        }

        var stack = bank.Slots[action.Slot];
        if (stack.IsEmpty)
        {
            return RejectionReason.EmptySlot;
        }

        if (action.Quantity <= 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        if (!context.Items.TryGet(stack.ItemId, out var item))
        {
            return RejectionReason.UnknownItem;
        }

        // As many as were asked for and fit: a non-stackable item takes a slot each.
        ref var inventory = ref context.World.Get<Inventory>(player);
        var count = Math.Min(action.Quantity, stack.Quantity);
        if (!item.Stackable)
        {
            count = Math.Min(count, InventoryRules.FreeSlots(inventory));
        }

        if (count == 0 || InventoryRules.CheckAdd(inventory, item, count) is not RejectionReason.None)
        {
            return count == 0 ? RejectionReason.InventoryFull : InventoryRules.CheckAdd(inventory, item, count);
        }

        bank.Withdraw(action.Slot, count, out _);
        InventoryRules.TryAdd(ref inventory, item, count);
        BankChanged(context, player, action.PlayerId);
        return RejectionReason.None;
    }

    /// <summary>Deposit the whole inventory, all or nothing.</summary>
    public static RejectionReason BankDepositAll(GameContext context, Entity player, long playerId)
    {
        if (OpenBank(context, player, playerId, out var bank) is not RejectionReason.None and var closed)
        {
            return closed;
        }

        // All or nothing: every kind carried must fit before anything moves.
        ref var inventory = ref context.World.Get<Inventory>(player);
        var free = 0;
        for (var i = 0; i < Banking.Bank.SlotCount; i++)
        {
            free += bank.Slots[i].IsEmpty ? 1 : 0;
        }

        Span<int> kinds = stackalloc int[Inventory.SlotCount];
        var kindCount = 0;
        for (var slot = 0; slot < Inventory.SlotCount; slot++)
        {
            var id = inventory.Slots[slot].ItemId;
            if (id == 0 || kinds[..kindCount].Contains(id))
            {
                continue;
            }

            kinds[kindCount++] = id;
            var count = (int)Math.Min(int.MaxValue, InventoryRules.CountOf(inventory, id));
            if (bank.CountOf(id) > 0 ? bank.CheckDeposit(id, count) is not RejectionReason.None : free-- <= 0)
            {
                return bank.CountOf(id) > 0 ? RejectionReason.QuantityOverflow : RejectionReason.BankFull;
            }
        }

        if (kindCount == 0)
        {
            return RejectionReason.EmptySlot;
        }

        foreach (var id in kinds[..kindCount])
        {
            bank.Deposit(id, (int)InventoryRules.CountOf(inventory, id));
        }

        inventory = default;
        BankChanged(context, player, playerId);
        return RejectionReason.None;
    }

    /// <summary>Close the open bank.</summary>
    public static RejectionReason CloseBank(GameContext context, long playerId)
    {
        if (context.Banks[playerId].OpenAt is null)
        {
            return RejectionReason.NoBank;
        }

        context.CloseBank(playerId);
        return RejectionReason.None;
    }

    /// <summary>Items moved between inventory and bank: one transaction, committed before either is shown.</summary>
    private static void BankChanged(GameContext context, Entity player, long playerId)
    {
        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Bank, [player], [], [], withBank: true);
    }
}
