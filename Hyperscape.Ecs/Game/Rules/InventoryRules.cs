using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// Stacking and slot rules of the 28-slot inventory. Every operation is all-or-nothing: when it
/// reports failure the inventory is unchanged, so no item is ever half-moved.
/// </summary>
public static class InventoryRules
{
    /// <summary>True for slot numbers 0..27.</summary>
    public static bool IsValidSlot(int slot) => (uint)slot < Inventory.SlotCount;

    /// <summary>The number of empty slots.</summary>
    public static int FreeSlots(in Inventory inventory)
    {
        var free = 0;
        for (var i = 0; i < Inventory.SlotCount; i++)
        {
            free += inventory.Slots[i].IsEmpty ? 1 : 0;
        }

        return free;
    }

    /// <summary>The total quantity of an item across all slots.</summary>
    public static long CountOf(in Inventory inventory, int itemId)
    {
        long total = 0;
        for (var i = 0; i < Inventory.SlotCount; i++)
        {
            if (inventory.Slots[i].ItemId == itemId)
            {
                total += inventory.Slots[i].Quantity;
            }
        }

        return total;
    }

    /// <summary>Checks whether <paramref name="quantity"/> of an item would fit, and why not.</summary>
    public static RejectionReason CheckAdd(in Inventory inventory, ItemDefinition item, int quantity)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (quantity <= 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        if (item.Stackable)
        {
            var existing = FindStack(inventory, item.Id);
            if (existing >= 0)
            {
                return (long)inventory.Slots[existing].Quantity + quantity > int.MaxValue
                    ? RejectionReason.QuantityOverflow
                    : RejectionReason.None;
            }

            return FreeSlots(inventory) > 0 ? RejectionReason.None : RejectionReason.InventoryFull;
        }

        return FreeSlots(inventory) >= quantity ? RejectionReason.None : RejectionReason.InventoryFull;
    }

    /// <summary>Adds items: a stackable item joins its stack; others take one empty slot each.</summary>
    public static RejectionReason TryAdd(ref Inventory inventory, ItemDefinition item, int quantity)
    {
        var check = CheckAdd(inventory, item, quantity);
        if (check != RejectionReason.None)
        {
            return check;
        }

        if (item.Stackable)
        {
            var slot = FindStack(inventory, item.Id);
            if (slot >= 0)
            {
                inventory.Slots[slot] = new ItemStack(item.Id, inventory.Slots[slot].Quantity + quantity);
            }
            else
            {
                inventory.Slots[FirstEmpty(inventory)] = new ItemStack(item.Id, quantity);
            }

            return RejectionReason.None;
        }

        for (var placed = 0; placed < quantity; placed++)
        {
            inventory.Slots[FirstEmpty(inventory)] = new ItemStack(item.Id, 1);
        }

        return RejectionReason.None;
    }

    /// <summary>Takes <paramref name="quantity"/> from one slot (all of it when the slot empties).</summary>
    public static RejectionReason TryTake(ref Inventory inventory, int slot, int quantity, out ItemStack taken)
    {
        taken = default;
        if (!IsValidSlot(slot))
        {
            return RejectionReason.InvalidSlot;
        }

        var stack = inventory.Slots[slot];
        if (stack.IsEmpty)
        {
            return RejectionReason.EmptySlot;
        }

        if (quantity <= 0 || quantity > stack.Quantity)
        {
            return RejectionReason.InvalidQuantity;
        }

        taken = new ItemStack(stack.ItemId, quantity);
        inventory.Slots[slot] = quantity == stack.Quantity ? default : new ItemStack(stack.ItemId, stack.Quantity - quantity);
        return RejectionReason.None;
    }

    /// <summary>
    /// Takes <paramref name="count"/> of an item from wherever the inventory holds it, slot
    /// <paramref name="firstSlot"/> first (so part of a stack comes from the stack named); the
    /// caller checked there are that many.
    /// </summary>
    public static void TakeItems(ref Inventory inventory, int itemId, int count, int firstSlot)
    {
        var left = count;
        for (var slot = 0; slot < Inventory.SlotCount && left > 0; slot++)
        {
            var from = slot == 0 ? firstSlot : slot == firstSlot ? 0 : slot;
            if (inventory.Slots[from].ItemId == itemId)
            {
                var take = Math.Min(left, inventory.Slots[from].Quantity);
                TryTake(ref inventory, from, take, out _);
                left -= take;
            }
        }
    }

    /// <summary>The slot holding a stack of the item, or -1.</summary>
    public static int FindStack(in Inventory inventory, int itemId)
    {
        for (var i = 0; i < Inventory.SlotCount; i++)
        {
            if (inventory.Slots[i].ItemId == itemId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first empty slot, or -1.</summary>
    public static int FirstEmpty(in Inventory inventory)
    {
        for (var i = 0; i < Inventory.SlotCount; i++)
        {
            if (inventory.Slots[i].IsEmpty)
            {
                return i;
            }
        }

        return -1;
    }
}
