using System.Collections.Frozen;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// The table of item definitions, indexed by id. Lookups are an array read; unknown ids are
/// reported, never thrown, because they arrive from clients.
/// </summary>
public sealed class ItemCatalog
{
    private readonly ItemDefinition?[] _byId;

    /// <summary>Builds a catalog; ids must be positive and unique.</summary>
    public ItemCatalog(IEnumerable<ItemDefinition> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var maxId = list.Count == 0 ? 0 : list.Max(i => i.Id);
        _byId = new ItemDefinition?[maxId + 1];
        foreach (var item in list)
        {
            if (item.Id <= 0)
            {
                throw new ArgumentException($"Item '{item.Name}' has id {item.Id}; ids start at 1 (0 marks an empty slot).", nameof(items));
            }

            if (_byId[item.Id] is not null)
            {
                throw new ArgumentException($"Item id {item.Id} is defined twice.", nameof(items));
            }

            _byId[item.Id] = item;
        }

        ByName = list.ToFrozenDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The standard item set of the default world.</summary>
    public static ItemCatalog Standard { get; } = new(
    [
        new(ItemIds.Coins, "Coins", Stackable: true),
        new(ItemIds.BronzeSword, "Bronze sword", Slot: EquipmentSlot.Weapon, AttackSpeed: 4, Value: 26)
        {
            Weapon = WeaponCategory.Sword,
            Bonuses = new(StabAttack: 4, SlashAttack: 3, CrushAttack: -2, SlashDefence: 2, CrushDefence: 1, MeleeStrength: 5),
        },
        new(ItemIds.IronSword, "Iron sword", Slot: EquipmentSlot.Weapon, AttackSpeed: 4, Value: 91)
        {
            Weapon = WeaponCategory.Sword,
            Bonuses = new(StabAttack: 6, SlashAttack: 4, CrushAttack: -2, SlashDefence: 2, CrushDefence: 1, MeleeStrength: 7),
        },
        new(ItemIds.SteelLongsword, "Steel longsword", Slot: EquipmentSlot.Weapon, AttackSpeed: 5, Value: 500)
        {
            Weapon = WeaponCategory.Longsword,
            Bonuses = new(StabAttack: 8, SlashAttack: 12, CrushAttack: -2, SlashDefence: 3, CrushDefence: 2, MeleeStrength: 14),
            Requirements = [new(Skill.Attack, 5)],
        },
        new(ItemIds.Bronze2hSword, "Bronze 2h sword", Slot: EquipmentSlot.Weapon, TwoHanded: true, AttackSpeed: 7, Value: 80)
        {
            Weapon = WeaponCategory.TwoHandedSword,
            Bonuses = new(StabAttack: -4, SlashAttack: 9, CrushAttack: 8, MagicAttack: -4, RangedDefence: -1, MeleeStrength: 10),
        },
        new(ItemIds.WoodenShield, "Wooden shield", Slot: EquipmentSlot.Shield, Value: 20)
        {
            Bonuses = new(StabDefence: 4, SlashDefence: 5, CrushDefence: 3, MagicDefence: 1, RangedDefence: 4),
        },
        new(ItemIds.BronzeFullHelm, "Bronze full helm", Slot: EquipmentSlot.Head, Value: 44)
        {
            Bonuses = new(MagicAttack: -3, RangedAttack: -1, StabDefence: 4, SlashDefence: 5, CrushDefence: 3, MagicDefence: -1, RangedDefence: 4),
        },
        new(ItemIds.BronzePlatebody, "Bronze platebody", Slot: EquipmentSlot.Body, Value: 160)
        {
            Bonuses = new(MagicAttack: -30, RangedAttack: -10, StabDefence: 15, SlashDefence: 14, CrushDefence: 9, MagicDefence: -6, RangedDefence: 14),
        },
        new(ItemIds.BronzePlatelegs, "Bronze platelegs", Slot: EquipmentSlot.Legs, Value: 80)
        {
            Bonuses = new(MagicAttack: -21, RangedAttack: -7, StabDefence: 8, SlashDefence: 7, CrushDefence: 6, MagicDefence: -4, RangedDefence: 7),
        },
        new(ItemIds.LeatherGloves, "Leather gloves", Slot: EquipmentSlot.Gloves, Value: 6)
        {
            Bonuses = new(StabDefence: 1, SlashDefence: 1, CrushDefence: 1),
        },
        new(ItemIds.LeatherBoots, "Leather boots", Slot: EquipmentSlot.Boots, Value: 6)
        {
            Bonuses = new(StabDefence: 1, SlashDefence: 1, CrushDefence: 1),
        },
        new(ItemIds.RedCape, "Red cape", Slot: EquipmentSlot.Cape, Value: 2)
        {
            Bonuses = new(StabDefence: 1, SlashDefence: 1, CrushDefence: 1, MagicDefence: 1, RangedDefence: 1),
        },
        new(ItemIds.AmuletOfStrength, "Amulet of strength", Slot: EquipmentSlot.Amulet, Value: 900)
        {
            Bonuses = new(MeleeStrength: 10),
        },
        new(ItemIds.GoldRing, "Gold ring", Slot: EquipmentSlot.Ring, Value: 350),
        new(ItemIds.BronzeArrow, "Bronze arrow", Stackable: true, Slot: EquipmentSlot.Ammo, Value: 1),
        new(ItemIds.Shrimps, "Shrimps", Heals: 3, Value: 5),
        new(ItemIds.Lobster, "Lobster", Heals: 12, Value: 150),
        new(ItemIds.Bones, "Bones") { BuryXpTenths = 45 },
        new(ItemIds.BigBones, "Big bones") { BuryXpTenths = 150 },
        new(ItemIds.Logs, "Logs", Value: 4),
        new(ItemIds.RawBeef, "Raw beef"),
        new(ItemIds.Cowhide, "Cowhide"),
        new(ItemIds.Feather, "Feather", Stackable: true, Value: 2),
    ]);

    /// <summary>Definitions by case-insensitive name.</summary>
    public FrozenDictionary<string, ItemDefinition> ByName { get; }

    /// <summary>The highest defined id.</summary>
    public int MaxId => _byId.Length - 1;

    /// <summary>Looks up a definition; false for unknown or non-positive ids.</summary>
    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ItemDefinition? definition)
    {
        definition = (uint)id < (uint)_byId.Length ? _byId[id] : null;
        return definition is not null;
    }

    /// <summary>The definition of a known id; throws for ids the server itself got wrong.</summary>
    public ItemDefinition this[int id] =>
        TryGet(id, out var definition) ? definition : throw new KeyNotFoundException($"No item has id {id}.");
}
