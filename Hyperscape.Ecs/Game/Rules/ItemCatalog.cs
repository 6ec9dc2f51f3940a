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
        new(ItemIds.BronzeSword, "Bronze sword", Slot: EquipmentSlot.Weapon, AttackBonus: 4, StrengthBonus: 3, AttackSpeed: 4, Value: 26),
        new(ItemIds.IronSword, "Iron sword", Slot: EquipmentSlot.Weapon, AttackBonus: 10, StrengthBonus: 7, AttackSpeed: 4, Value: 91),
        new(ItemIds.SteelLongsword, "Steel longsword", Slot: EquipmentSlot.Weapon, AttackBonus: 21, StrengthBonus: 22, AttackSpeed: 5, Value: 500)
        {
            Requirements = [new(Skill.Attack, 5)],
        },
        new(ItemIds.Bronze2hSword, "Bronze 2h sword", Slot: EquipmentSlot.Weapon, TwoHanded: true, AttackBonus: 9, StrengthBonus: 10, AttackSpeed: 7, Value: 80),
        new(ItemIds.WoodenShield, "Wooden shield", Slot: EquipmentSlot.Shield, DefenceBonus: 5, Value: 20),
        new(ItemIds.BronzeFullHelm, "Bronze full helm", Slot: EquipmentSlot.Head, DefenceBonus: 6, Value: 44),
        new(ItemIds.BronzePlatebody, "Bronze platebody", Slot: EquipmentSlot.Body, DefenceBonus: 15, Value: 160),
        new(ItemIds.BronzePlatelegs, "Bronze platelegs", Slot: EquipmentSlot.Legs, DefenceBonus: 8, Value: 80),
        new(ItemIds.LeatherGloves, "Leather gloves", Slot: EquipmentSlot.Gloves, DefenceBonus: 1, Value: 6),
        new(ItemIds.LeatherBoots, "Leather boots", Slot: EquipmentSlot.Boots, DefenceBonus: 1, Value: 6),
        new(ItemIds.RedCape, "Red cape", Slot: EquipmentSlot.Cape, DefenceBonus: 1, Value: 2),
        new(ItemIds.AmuletOfStrength, "Amulet of strength", Slot: EquipmentSlot.Amulet, StrengthBonus: 10, Value: 900),
        new(ItemIds.GoldRing, "Gold ring", Slot: EquipmentSlot.Ring, Value: 350),
        new(ItemIds.BronzeArrow, "Bronze arrow", Stackable: true, Slot: EquipmentSlot.Ammo, Value: 1),
        new(ItemIds.Shrimps, "Shrimps", Heals: 3, Value: 5),
        new(ItemIds.Lobster, "Lobster", Heals: 12, Value: 150),
        new(ItemIds.Bones, "Bones"),
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
