using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>items.json</c> (docs/CONTENT.md): every item's string id, name, value and what it does.</summary>
internal static class ItemFile
{
    private static readonly string[] BonusFields =
    [
        "stabAttack", "slashAttack", "crushAttack", "magicAttack", "rangedAttack",
        "stabDefence", "slashDefence", "crushDefence", "magicDefence", "rangedDefence",
        "meleeStrength", "rangedStrength", "magicDamage", "prayer",
    ];

    /// <summary>The items of the file, with ids from <paramref name="ids"/>; problems go to the reader.</summary>
    public static List<ItemDefinition> Read(JsonElement root, ContentReader reader, ContentIds ids)
    {
        var items = new List<ItemDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Burnable and cookable items name other items, possibly later in the file: resolved after.
        var pending = new List<(int Index, JsonElement Element, string Path)>();
        foreach (var (element, path) in reader.Array(root, "$", "items"))
        {
            reader.Only(element, path, "id", "name", "stackable", "value", "slot", "twoHanded", "attackSpeed", "attackRange", "ammoTier", "weapon", "runeSource", "bonuses", "requirements", "heals", "buryXp", "burnable", "cookable");
            var key = StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var slot = ContentReader.Has(element, "slot") ? reader.EnumOr<EquipmentSlot>(element, path, "slot", default) : (EquipmentSlot?)null;
            var weaponOnly = slot == EquipmentSlot.Weapon;
            foreach (var field in (string[])["twoHanded", "attackSpeed", "attackRange", "weapon", "runeSource"])
            {
                if (!weaponOnly && ContentReader.Has(element, field))
                {
                    reader.Problem(ContentReader.Join(path, field), "only a weapon (slot \"weapon\") has this");
                }
            }

            var weapon = reader.EnumOr(element, path, "weapon", WeaponCategory.Unarmed);
            if (ContentReader.Has(element, "ammoTier") && slot != EquipmentSlot.Ammo && weapon != WeaponCategory.Bow)
            {
                reader.Problem(ContentReader.Join(path, "ammoTier"), "only ammunition (slot \"ammo\") or a bow has this");
            }

            if (slot is null && ContentReader.Has(element, "bonuses"))
            {
                reader.Problem(ContentReader.Join(path, "bonuses"), "only an item with a slot gives bonuses");
            }

            var definition = new ItemDefinition(
                0,
                name ?? "",
                Stackable: reader.BoolOr(element, path, "stackable", false),
                Slot: slot,
                TwoHanded: reader.BoolOr(element, path, "twoHanded", false),
                AttackSpeed: reader.IntOr(element, path, "attackSpeed", weaponOnly ? 4 : 0, 1, 20),
                Heals: reader.IntOr(element, path, "heals", 0, 0, 1000),
                Value: reader.IntOr(element, path, "value", 1, 0))
            {
                Weapon = weapon,
                AmmoTier = reader.IntOr(element, path, "ammoTier", slot == EquipmentSlot.Ammo || weapon == WeaponCategory.Bow ? 1 : 0, 1, 20),
                AttackRange = reader.IntOr(element, path, "attackRange", 1, 1, RangedFormulas.MaxRange),
                Bonuses = Bonuses(element, path, reader),
                Requirements = Requirements(element, path, reader),
                BuryXpTenths = reader.TenthsOr(element, path, "buryXp", 0),
            };
            if (key is not null && name is not null)
            {
                if (ContentReader.Has(element, "burnable") || ContentReader.Has(element, "cookable") || ContentReader.Has(element, "runeSource"))
                {
                    pending.Add((items.Count, element, path));
                }

                items.Add(definition with { Id = ids.Assign(ContentKind.Item, key), Key = key });
            }
        }

        var keys = items.ToDictionary(i => i.Key, i => i.Id, StringComparer.Ordinal);
        foreach (var (index, element, path) in pending)
        {
            items[index] = items[index] with
            {
                Burnable = BurnableOf(element, path, reader, keys),
                Cookable = CookableOf(element, path, reader, keys),
                RuneSource = ContentReader.Has(element, "runeSource") ? reader.Key(element, path, "runeSource", keys, "item") ?? 0 : 0,
            };
        }

        if (items.Count == 0 && !reader.Array(root, "$", "items").Any())
        {
            reader.Problem("items", "at least one item");
        }

        return items;
    }

    /// <summary>The string id of an entry: present, snake case, and unique in its file.</summary>
    public static string? StringId(JsonElement element, string path, ContentReader reader, HashSet<string> seen)
    {
        if (reader.String(element, path, "id") is not { } key)
        {
            return null;
        }

        var at = ContentReader.Join(path, "id");
        if (ContentKey.Of(key) != key)
        {
            reader.Problem(at, $"ids are lowercase letters, digits and single underscores ('{ContentKey.Of(key)}')");
            return null;
        }

        if (!seen.Add(key))
        {
            reader.Problem(at, $"'{key}' is defined twice");
            return null;
        }

        return key;
    }

    /// <summary>An OSRS bonus set written as an object of its fields (camel case); absent fields are 0.</summary>
    public static EquipmentBonuses Bonuses(JsonElement element, string path, ContentReader reader)
    {
        if (!ContentReader.Has(element, "bonuses"))
        {
            return default;
        }

        var at = ContentReader.Join(path, "bonuses");
        var bonuses = element.GetProperty("bonuses");
        if (bonuses.ValueKind != JsonValueKind.Object)
        {
            reader.Problem(at, "an object of bonuses");
            return default;
        }

        reader.Only(bonuses, at, BonusFields);
        var v = new int[BonusFields.Length];
        for (var i = 0; i < BonusFields.Length; i++)
        {
            v[i] = reader.IntOr(bonuses, at, BonusFields[i], 0, -1000, 1000);
        }

        return new EquipmentBonuses(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]);
    }

    private static Burnable? BurnableOf(JsonElement element, string path, ContentReader reader, IReadOnlyDictionary<string, int> keys)
    {
        if (!ContentReader.Has(element, "burnable"))
        {
            return null;
        }

        var at = ContentReader.Join(path, "burnable");
        var burnable = element.GetProperty("burnable");
        reader.Only(burnable, at, "level", "xp", "tool", "ashes", "low", "high");
        var tool = reader.Key(burnable, at, "tool", keys, "item");
        var ashes = ContentReader.Has(burnable, "ashes") ? reader.Key(burnable, at, "ashes", keys, "item") : 0;
        var level = reader.IntIn(burnable, at, "level", 1, XpTable.MaxLevel);
        var xp = reader.TenthsOr(burnable, at, "xp", 0);
        var low = reader.IntIn(burnable, at, "low", 0, 1000);
        var high = reader.IntIn(burnable, at, "high", 0, 1000);
        return tool is { } id && ashes is { } left ? new Burnable(level, xp, id, low, high) { AshesId = left } : null;
    }

    private static Cookable? CookableOf(JsonElement element, string path, ContentReader reader, IReadOnlyDictionary<string, int> keys)
    {
        if (!ContentReader.Has(element, "cookable"))
        {
            return null;
        }

        var at = ContentReader.Join(path, "cookable");
        var cookable = element.GetProperty("cookable");
        reader.Only(cookable, at, "into", "burnt", "level", "xp", "low", "high", "stopBurn");
        var into = reader.Key(cookable, at, "into", keys, "item");
        var burnt = reader.Key(cookable, at, "burnt", keys, "item");
        var level = reader.IntIn(cookable, at, "level", 1, XpTable.MaxLevel);
        var xp = reader.TenthsOr(cookable, at, "xp", 0);
        var low = reader.IntIn(cookable, at, "low", 0, 1000);
        var high = reader.IntIn(cookable, at, "high", 0, 1000);
        var stopBurn = reader.IntIn(cookable, at, "stopBurn", level, 100);
        return into is { } cooked && burnt is { } spoiled ? new Cookable(cooked, spoiled, level, xp, low, high, stopBurn) : null;
    }

    private static SkillRequirement[] Requirements(JsonElement element, string path, ContentReader reader)
    {
        if (!ContentReader.Has(element, "requirements"))
        {
            return [];
        }

        var at = ContentReader.Join(path, "requirements");
        var requirements = element.GetProperty("requirements");
        if (requirements.ValueKind != JsonValueKind.Object)
        {
            reader.Problem(at, "an object of skill: level");
            return [];
        }

        var list = new List<SkillRequirement>();
        foreach (var property in requirements.EnumerateObject())
        {
            var skillPath = ContentReader.Join(at, property.Name);
            var level = reader.IntOr(requirements, at, property.Name, 1, 1, XpTable.MaxLevel);
            if (reader.TryName(property.Name, skillPath, out Skill skill))
            {
                list.Add(new SkillRequirement(skill, level));
            }
        }

        return [.. list];
    }
}
