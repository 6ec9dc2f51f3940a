using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game.Banking;

/// <summary>
/// A character's bank: <see cref="SlotCount"/> slots, one stack per item whatever the item (a
/// bank stacks lobsters as it stacks coins), each up to <see cref="int.MaxValue"/>. Slots are kept
/// where they are: a withdrawn stack leaves its slot empty rather than shifting the others.
/// </summary>
public sealed class Bank
{
    /// <summary>Slots in a bank.</summary>
    public const int SlotCount = 480;

    /// <summary>Slots in one page of the bank as the sync sends it (a page fits in a packet).</summary>
    public const int PageSize = 48;

    /// <summary>Pages in a bank.</summary>
    public const int PageCount = SlotCount / PageSize;

    private readonly ItemStack[] _slots = new ItemStack[SlotCount];
    private readonly int[] _pageVersions = new int[PageCount];

    /// <summary>A bank holding <paramref name="slots"/> (slot order kept; at most <see cref="SlotCount"/>).</summary>
    public Bank(IReadOnlyList<ItemStack> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots.Count, SlotCount, nameof(slots));
        for (var i = 0; i < slots.Count; i++)
        {
            _slots[i] = slots[i];
        }
    }

    /// <summary>Every slot, empty ones included.</summary>
    public ReadOnlySpan<ItemStack> Slots => _slots;

    /// <summary>A counter per page that moves whenever a slot of the page changes: the sync sends changed pages.</summary>
    public ReadOnlySpan<int> PageVersions => _pageVersions;

    /// <summary>The booth the bank is open at, or null while it is closed.</summary>
    public Tile? OpenAt { get; set; }

    /// <summary>The slots up to the last one in use, for saving.</summary>
    public ItemStack[] ToArray()
    {
        var used = SlotCount;
        while (used > 0 && _slots[used - 1].IsEmpty)
        {
            used--;
        }

        return _slots[..used];
    }

    /// <summary>How many of an item the bank holds.</summary>
    public long CountOf(int itemId)
    {
        var slot = Find(itemId);
        return slot < 0 ? 0 : _slots[slot].Quantity;
    }

    /// <summary>Why <paramref name="quantity"/> of an item would not fit, or None.</summary>
    public RejectionReason CheckDeposit(int itemId, int quantity)
    {
        if (quantity <= 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        var slot = Find(itemId);
        if (slot >= 0)
        {
            return (long)_slots[slot].Quantity + quantity > int.MaxValue ? RejectionReason.QuantityOverflow : RejectionReason.None;
        }

        return FirstEmpty() >= 0 ? RejectionReason.None : RejectionReason.BankFull;
    }

    /// <summary>Adds items to their stack, or to the first empty slot; check with <see cref="CheckDeposit"/> first.</summary>
    public void Deposit(int itemId, int quantity)
    {
        var slot = Find(itemId);
        if (slot < 0)
        {
            slot = FirstEmpty();
            if (slot < 0)
            {
                throw new InvalidOperationException("The bank is full; check before depositing.");
            }

            _slots[slot] = new ItemStack(itemId, 0);
        }

        checked
        {
            _slots[slot] = new ItemStack(itemId, _slots[slot].Quantity + quantity);
        }

        _pageVersions[slot / PageSize]++;
    }

    /// <summary>Takes up to <paramref name="quantity"/> from a slot (less when it holds less); a stack taken whole leaves the slot empty.</summary>
    public RejectionReason Withdraw(int slot, int quantity, out ItemStack taken)
    {
        taken = default;
        if ((uint)slot >= SlotCount)
        {
            return RejectionReason.InvalidSlot;
        }

        if (quantity <= 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        var stack = _slots[slot];
        if (stack.IsEmpty)
        {
            return RejectionReason.EmptySlot;
        }

        var count = Math.Min(quantity, stack.Quantity);
        taken = new ItemStack(stack.ItemId, count);
        _slots[slot] = count == stack.Quantity ? default : new ItemStack(stack.ItemId, stack.Quantity - count);
        _pageVersions[slot / PageSize]++;
        return RejectionReason.None;
    }

    private int Find(int itemId)
    {
        for (var i = 0; i < SlotCount; i++)
        {
            if (_slots[i].ItemId == itemId && !_slots[i].IsEmpty)
            {
                return i;
            }
        }

        return -1;
    }

    private int FirstEmpty()
    {
        for (var i = 0; i < SlotCount; i++)
        {
            if (_slots[i].IsEmpty)
            {
                return i;
            }
        }

        return -1;
    }
}
