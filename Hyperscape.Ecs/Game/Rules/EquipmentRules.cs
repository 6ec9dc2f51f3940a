using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// Wearing and removing items. All-or-nothing like <see cref="InventoryRules"/>: a refused
/// operation leaves inventory and equipment as they were.
/// </summary>
public static class EquipmentRules
{
    /// <summary>True for slot numbers 0..10.</summary>
    public static bool IsValidSlot(int slot) => (uint)slot < Equipment.SlotCount;

    /// <summary>
    /// Wears the item in inventory slot <paramref name="inventorySlot"/> when
    /// <paramref name="skills"/> meet its requirements (<see cref="RejectionReason.LevelTooLow"/>
    /// otherwise). What the target slot held goes back to the inventory (into the freed slot); a
    /// two-handed weapon also removes the shield, and a shield removes a two-handed weapon.
    /// Ammunition of the same kind stacks.
    /// </summary>
    public static RejectionReason TryEquip(ref Inventory inventory, ref Equipment equipment, int inventorySlot, ItemCatalog catalog, in Skills skills)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!InventoryRules.IsValidSlot(inventorySlot))
        {
            return RejectionReason.InvalidSlot;
        }

        var stack = inventory.Slots[inventorySlot];
        if (stack.IsEmpty)
        {
            return RejectionReason.EmptySlot;
        }

        if (!catalog.TryGet(stack.ItemId, out var item))
        {
            return RejectionReason.UnknownItem;
        }

        if (item.Slot is not { } slot)
        {
            return RejectionReason.NotEquipable;
        }

        if (!MeetsRequirements(item, skills))
        {
            return RejectionReason.LevelTooLow;
        }

        // Work on copies and commit only on success.
        var newInventory = inventory;
        var newEquipment = equipment;
        newInventory.Slots[inventorySlot] = default;
        var worn = newEquipment.Slots[(int)slot];

        if (item.Stackable && worn.ItemId == item.Id)
        {
            if ((long)worn.Quantity + stack.Quantity > int.MaxValue)
            {
                return RejectionReason.QuantityOverflow;
            }

            newEquipment.Slots[(int)slot] = new ItemStack(item.Id, worn.Quantity + stack.Quantity);
        }
        else
        {
            newEquipment.Slots[(int)slot] = stack;
            if (!worn.IsEmpty)
            {
                newInventory.Slots[inventorySlot] = worn;
            }

            var displaced = Displaced(newEquipment, item, slot, catalog);
            if (displaced is { } other)
            {
                var removed = newEquipment.Slots[(int)other];
                newEquipment.Slots[(int)other] = default;
                var room = catalog.TryGet(removed.ItemId, out var removedItem)
                    ? InventoryRules.TryAdd(ref newInventory, removedItem, removed.Quantity)
                    : RejectionReason.UnknownItem;
                if (room != RejectionReason.None)
                {
                    return room;
                }
            }
        }

        inventory = newInventory;
        equipment = newEquipment;
        return RejectionReason.None;
    }

    /// <summary>True when every level the item asks for is reached.</summary>
    public static bool MeetsRequirements(ItemDefinition item, in Skills skills)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var requirement in item.Requirements)
        {
            if (skills.Level(requirement.Skill) < requirement.Level)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Moves what <paramref name="slot"/> holds back into the inventory.</summary>
    public static RejectionReason TryUnequip(ref Inventory inventory, ref Equipment equipment, int slot, ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!IsValidSlot(slot))
        {
            return RejectionReason.InvalidSlot;
        }

        var worn = equipment.Slots[slot];
        if (worn.IsEmpty)
        {
            return RejectionReason.EmptySlot;
        }

        if (!catalog.TryGet(worn.ItemId, out var item))
        {
            return RejectionReason.UnknownItem;
        }

        var result = InventoryRules.TryAdd(ref inventory, item, worn.Quantity);
        if (result == RejectionReason.None)
        {
            equipment.Slots[slot] = default;
        }

        return result;
    }

    /// <summary>The summed bonuses of everything worn, and the weapon's speed, kind and reach.</summary>
    public static CombatBonuses Bonuses(in Equipment equipment, ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var bonuses = default(EquipmentBonuses);
        var speed = CombatFormulas.DefaultAttackSpeed;
        var weapon = WeaponCategory.Unarmed;
        var range = 1;
        for (var i = 0; i < Equipment.SlotCount; i++)
        {
            if (catalog.TryGet(equipment.Slots[i].ItemId, out var item))
            {
                bonuses += item.Bonuses;
                if (i == (int)EquipmentSlot.Weapon)
                {
                    weapon = item.Weapon;
                    speed = item.AttackSpeed > 0 ? item.AttackSpeed : speed;
                    range = item.AttackRange;
                }
            }
        }

        return new CombatBonuses(bonuses, speed, weapon, range);
    }

    /// <summary>The other slot the new item pushes out, if any.</summary>
    private static EquipmentSlot? Displaced(in Equipment equipment, ItemDefinition item, EquipmentSlot slot, ItemCatalog catalog)
    {
        if (slot == EquipmentSlot.Weapon && item.TwoHanded && !equipment.Slots[(int)EquipmentSlot.Shield].IsEmpty)
        {
            return EquipmentSlot.Shield;
        }

        if (slot == EquipmentSlot.Shield
            && catalog.TryGet(equipment.Slots[(int)EquipmentSlot.Weapon].ItemId, out var weapon)
            && weapon.TwoHanded)
        {
            return EquipmentSlot.Weapon;
        }

        return null;
    }
}
