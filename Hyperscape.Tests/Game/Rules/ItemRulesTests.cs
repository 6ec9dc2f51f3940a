using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

public class ItemRulesTests
{
    private static readonly ItemCatalog Items = ItemCatalog.Standard;
    private static readonly Skills Starting = Skills.Starting();

    [Test]
    public void Stackable_items_join_one_stack_and_others_take_a_slot_each()
    {
        var inventory = default(Inventory);

        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 100), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 50), Is.EqualTo(RejectionReason.None));
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Shrimps], 3), Is.EqualTo(RejectionReason.None));

        Assert.That(inventory.Slots[0], Is.EqualTo(new ItemStack(ItemIds.Coins, 150)));
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.Shrimps), Is.EqualTo(3));
        Assert.That(InventoryRules.FreeSlots(inventory), Is.EqualTo(24));
    }

    [Test]
    public void A_full_inventory_refuses_and_stays_unchanged()
    {
        var inventory = default(Inventory);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bones], 27);
        var before = inventory;

        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bones], 2), Is.EqualTo(RejectionReason.InventoryFull));
        Assert.That(Same(inventory, before), Is.True);
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 1), Is.EqualTo(RejectionReason.None), "one slot left");
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Feather], 1), Is.EqualTo(RejectionReason.InventoryFull));
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 5), Is.EqualTo(RejectionReason.None), "an existing stack needs no slot");
    }

    [Test]
    public void Stacks_never_pass_int_max_and_quantities_must_be_positive()
    {
        var inventory = default(Inventory);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], int.MaxValue - 10);

        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 11), Is.EqualTo(RejectionReason.QuantityOverflow));
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 10), Is.EqualTo(RejectionReason.None));
        Assert.That(inventory.Slots[0].Quantity, Is.EqualTo(int.MaxValue));
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bones], 0), Is.EqualTo(RejectionReason.InvalidQuantity));
        Assert.That(InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bones], -3), Is.EqualTo(RejectionReason.InvalidQuantity));
    }

    [Test]
    public void Taking_checks_slot_and_quantity_and_splits_stacks()
    {
        var inventory = default(Inventory);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.Coins], 10);

        Assert.That(InventoryRules.TryTake(ref inventory, 28, 1, out _), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(InventoryRules.TryTake(ref inventory, -1, 1, out _), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(InventoryRules.TryTake(ref inventory, 3, 1, out _), Is.EqualTo(RejectionReason.EmptySlot));
        Assert.That(InventoryRules.TryTake(ref inventory, 0, 11, out _), Is.EqualTo(RejectionReason.InvalidQuantity));
        Assert.That(InventoryRules.TryTake(ref inventory, 0, 0, out _), Is.EqualTo(RejectionReason.InvalidQuantity));
        Assert.That(InventoryRules.TryTake(ref inventory, 0, 4, out var taken), Is.EqualTo(RejectionReason.None));
        Assert.That(taken, Is.EqualTo(new ItemStack(ItemIds.Coins, 4)));
        Assert.That(inventory.Slots[0].Quantity, Is.EqualTo(6));
        Assert.That(InventoryRules.TryTake(ref inventory, 0, 6, out _), Is.EqualTo(RejectionReason.None));
        Assert.That(inventory.Slots[0].IsEmpty, Is.True);
    }

    [Test]
    public void Equipping_swaps_the_worn_item_into_the_freed_slot()
    {
        var inventory = default(Inventory);
        var equipment = default(Equipment);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.BronzeSword], 1);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.IronSword], 1);

        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting), Is.EqualTo(RejectionReason.None));
        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 1, Items, Starting), Is.EqualTo(RejectionReason.None));

        Assert.That(equipment.Slots[(int)EquipmentSlot.Weapon].ItemId, Is.EqualTo(ItemIds.IronSword));
        Assert.That(inventory.Slots[1].ItemId, Is.EqualTo(ItemIds.BronzeSword));
        Assert.That(inventory.Slots[0].IsEmpty, Is.True);
    }

    [Test]
    public void A_weapon_above_the_players_attack_level_is_refused_and_nothing_moves()
    {
        var inventory = default(Inventory);
        var equipment = default(Equipment);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.SteelLongsword], 1);

        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting), Is.EqualTo(RejectionReason.LevelTooLow), "steel needs 5 attack");
        Assert.That(inventory.Slots[0].ItemId, Is.EqualTo(ItemIds.SteelLongsword));
        Assert.That(equipment.Slots[(int)EquipmentSlot.Weapon].IsEmpty, Is.True);

        var four = Starting;
        four.AddXp(Skill.Attack, XpTable.XpForLevel(4) * 10);
        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, four), Is.EqualTo(RejectionReason.LevelTooLow), "attack 4 is one short");
        var five = Starting;
        five.AddXp(Skill.Attack, XpTable.XpForLevel(5) * 10);
        Assert.That(five.Level(Skill.Attack), Is.EqualTo(5));
        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, five), Is.EqualTo(RejectionReason.None));
        Assert.That(equipment.Slots[(int)EquipmentSlot.Weapon].ItemId, Is.EqualTo(ItemIds.SteelLongsword));
    }

    [Test]
    public void A_two_handed_weapon_removes_the_shield_and_a_shield_removes_it()
    {
        var inventory = default(Inventory);
        var equipment = default(Equipment);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.WoodenShield], 1);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bronze2hSword], 1);
        EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting);

        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 1, Items, Starting), Is.EqualTo(RejectionReason.None));
        Assert.That(equipment.Slots[(int)EquipmentSlot.Shield].IsEmpty, Is.True);
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.WoodenShield), Is.EqualTo(1));

        var shieldSlot = InventoryRules.FindStack(inventory, ItemIds.WoodenShield);
        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, shieldSlot, Items, Starting), Is.EqualTo(RejectionReason.None));
        Assert.That(equipment.Slots[(int)EquipmentSlot.Weapon].IsEmpty, Is.True);
        Assert.That(InventoryRules.CountOf(inventory, ItemIds.Bronze2hSword), Is.EqualTo(1));
    }

    [Test]
    public void Refused_equips_leave_inventory_and_equipment_unchanged()
    {
        var inventory = default(Inventory);
        var equipment = default(Equipment);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.WoodenShield], 1);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.BronzeSword], 1);
        EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting);
        EquipmentRules.TryEquip(ref inventory, ref equipment, 1, Items, Starting);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bronze2hSword], 1);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.Bones], 27);
        var inventoryBefore = inventory;
        var equipmentBefore = equipment;

        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting), Is.EqualTo(RejectionReason.InventoryFull), "the sword takes the freed slot; the shield has nowhere to go");
        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 1, Items, Starting), Is.EqualTo(RejectionReason.NotEquipable));
        Assert.That(EquipmentRules.TryEquip(ref inventory, ref equipment, 40, Items, Starting), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(EquipmentRules.TryUnequip(ref inventory, ref equipment, (int)EquipmentSlot.Shield, Items), Is.EqualTo(RejectionReason.InventoryFull));
        Assert.That(EquipmentRules.TryUnequip(ref inventory, ref equipment, (int)EquipmentSlot.Head, Items), Is.EqualTo(RejectionReason.EmptySlot));
        Assert.That(EquipmentRules.TryUnequip(ref inventory, ref equipment, 11, Items), Is.EqualTo(RejectionReason.InvalidSlot));
        Assert.That(Same(inventory, inventoryBefore), Is.True);
        Assert.That(equipment.Slots[(int)EquipmentSlot.Shield], Is.EqualTo(equipmentBefore.Slots[(int)EquipmentSlot.Shield]));
        Assert.That(equipment.Slots[(int)EquipmentSlot.Weapon], Is.EqualTo(new ItemStack(ItemIds.BronzeSword, 1)));
    }

    [Test]
    public void Ammunition_of_the_same_kind_stacks_in_its_slot()
    {
        var inventory = default(Inventory);
        var equipment = default(Equipment);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.BronzeArrow], 30);
        EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting);
        InventoryRules.TryAdd(ref inventory, Items[ItemIds.BronzeArrow], 12);

        EquipmentRules.TryEquip(ref inventory, ref equipment, 0, Items, Starting);

        Assert.That(equipment.Slots[(int)EquipmentSlot.Ammo], Is.EqualTo(new ItemStack(ItemIds.BronzeArrow, 42)));
        Assert.That(InventoryRules.FreeSlots(inventory), Is.EqualTo(28));
    }

    [Test]
    public void Bonuses_sum_the_worn_items_and_take_the_weapon_speed()
    {
        var equipment = default(Equipment);
        Assert.That(EquipmentRules.Bonuses(equipment, Items), Is.EqualTo(new CombatBonuses(default, 4, WeaponCategory.Unarmed)));

        equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.SteelLongsword, 1);
        equipment.Slots[(int)EquipmentSlot.Amulet] = new ItemStack(ItemIds.AmuletOfStrength, 1);
        equipment.Slots[(int)EquipmentSlot.Body] = new ItemStack(ItemIds.BronzePlatebody, 1);

        // Longsword (8, 12, -2 | 0, 3, 2 | str 14) + amulet (str 10) + platebody
        // (magic -30, ranged -10 | 15, 14, 9, -6, 14), field by field.
        var expected = new EquipmentBonuses(
            StabAttack: 8, SlashAttack: 12, CrushAttack: -2, MagicAttack: -30, RangedAttack: -10,
            StabDefence: 15, SlashDefence: 17, CrushDefence: 11, MagicDefence: -6, RangedDefence: 14,
            MeleeStrength: 24);
        Assert.That(EquipmentRules.Bonuses(equipment, Items), Is.EqualTo(new CombatBonuses(expected, 5, WeaponCategory.Longsword)));
    }

    [Test]
    public void Catalogs_refuse_bad_definitions_and_report_unknown_ids()
    {
        Assert.Throws<ArgumentException>(() => _ = new ItemCatalog([new ItemDefinition(0, "Nothing")]));
        Assert.Throws<ArgumentException>(() => _ = new ItemCatalog([new ItemDefinition(3, "A"), new ItemDefinition(3, "B")]));
        Assert.That(Items.TryGet(-1, out _), Is.False);
        Assert.That(Items.TryGet(int.MaxValue, out _), Is.False);
        Assert.That(Items.ByKey["coins"].Id, Is.EqualTo(ItemIds.Coins));
    }

    private static bool Same(in Inventory a, in Inventory b)
    {
        for (var i = 0; i < Inventory.SlotCount; i++)
        {
            if (a.Slots[i] != b.Slots[i])
            {
                return false;
            }
        }

        return true;
    }
}
