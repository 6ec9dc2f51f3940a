using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>npcs.json</c> (docs/CONTENT.md): every NPC type's stats, bonuses, behaviour and drops.</summary>
internal static class NpcFile
{
    /// <summary>The NPC types of the file, with ids from <paramref name="ids"/>; drops name items of <paramref name="itemIds"/>.</summary>
    public static List<NpcDefinition> Read(JsonElement root, ContentReader reader, ContentIds ids, IReadOnlyDictionary<string, int> itemIds, ItemCatalog items, IReadOnlyDictionary<string, int> shopIds)
    {
        var npcs = new List<NpcDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in reader.Array(root, "$", "npcs"))
        {
            reader.Only(element, path, "id", "name", "attack", "strength", "defence", "hitpoints", "attackSpeed", "aggressive", "attackType", "magic", "ranged", "attackRange", "maxHit", "bonuses", "drops", "shop");
            var key = ItemFile.StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var definition = new NpcDefinition(
                0,
                name ?? "",
                reader.IntIn(element, path, "attack", 1, 999),
                reader.IntIn(element, path, "strength", 1, 999),
                reader.IntIn(element, path, "defence", 1, 999),
                reader.IntIn(element, path, "hitpoints", 1, 10_000),
                reader.IntOr(element, path, "attackSpeed", 4, 1, 20),
                reader.BoolOr(element, path, "aggressive", false),
                Drops(element, path, reader, itemIds, items))
            {
                AttackType = reader.EnumOr(element, path, "attackType", AttackType.Crush),
                Magic = reader.IntOr(element, path, "magic", 1, 1, 999),
                Ranged = reader.IntOr(element, path, "ranged", 1, 1, 999),
                AttackRange = reader.IntOr(element, path, "attackRange", 1, 1, MagicFormulas.Reach),
                MaxHit = reader.IntOr(element, path, "maxHit", 0, 0, 1000),
                ShopId = ContentReader.Has(element, "shop") ? reader.Key(element, path, "shop", shopIds, "shop") ?? 0 : 0,
                Bonuses = ItemFile.Bonuses(element, path, reader),
            };
            var fromAfar = definition.AttackType is AttackType.Ranged or AttackType.Magic;
            if (!fromAfar && (ContentReader.Has(element, "attackRange") || ContentReader.Has(element, "maxHit")))
            {
                reader.Problem(ContentReader.Join(path, ContentReader.Has(element, "attackRange") ? "attackRange" : "maxHit"), "only an NPC whose attackType is ranged or magic attacks from afar");
            }
            else if (fromAfar && !ContentReader.Has(element, "maxHit"))
            {
                reader.Problem(ContentReader.Join(path, "maxHit"), "missing: a ranged or magic NPC has its own max hit");
            }

            if (key is not null && name is not null)
            {
                npcs.Add(definition with { Id = ids.Assign(ContentKind.Npc, key), Key = key });
            }
        }

        return npcs;
    }

    private static DropTable Drops(JsonElement element, string path, ContentReader reader, IReadOnlyDictionary<string, int> itemIds, ItemCatalog items)
    {
        if (!ContentReader.Has(element, "drops"))
        {
            return DropTable.Empty;
        }

        var at = ContentReader.Join(path, "drops");
        var drops = element.GetProperty("drops");
        reader.Only(drops, at, "always", "weighted", "nothingWeight");
        var always = Entries(drops, at, "always", weighted: false, reader, itemIds, items);
        var weighted = Entries(drops, at, "weighted", weighted: true, reader, itemIds, items);
        var nothing = reader.IntOr(drops, at, "nothingWeight", 0, 0);
        if (weighted.Length == 0 && nothing == 0)
        {
            nothing = 1;
        }

        return new DropTable(always, weighted, nothing);
    }

    private static DropEntry[] Entries(JsonElement drops, string path, string name, bool weighted, ContentReader reader, IReadOnlyDictionary<string, int> itemIds, ItemCatalog items)
    {
        var entries = new List<DropEntry>();
        foreach (var (entry, at) in reader.Array(drops, path, name))
        {
            reader.Only(entry, at, weighted ? ["item", "weight", "quantity", "min", "max"] : ["item", "quantity", "min", "max"]);
            var item = reader.Key(entry, at, "item", itemIds, "item");
            var weight = weighted ? reader.Int(entry, at, "weight") : 1;
            if (weight is < 1)
            {
                reader.Problem(ContentReader.Join(at, "weight"), "at least 1");
            }

            var quantity = reader.IntOr(entry, at, "quantity", 1, 1);
            var min = reader.IntOr(entry, at, "min", quantity, 1);
            var max = reader.IntOr(entry, at, "max", Math.Max(min, quantity), 1);
            if (ContentReader.Has(entry, "quantity") && (ContentReader.Has(entry, "min") || ContentReader.Has(entry, "max")))
            {
                reader.Problem(at, "either a quantity or a min and max, not both");
            }
            else if (max < min)
            {
                reader.Problem(ContentReader.Join(at, "max"), $"at least min ({min})");
            }
            else if (max > 1 && item is { } stacked && items.TryGet(stacked, out var definition) && !definition.Stackable)
            {
                reader.Problem(at, $"{definition.Name} does not stack: one per drop");
            }

            if (item is { } id && weight is >= 1)
            {
                entries.Add(new DropEntry(weight.Value, id, min, max));
            }
        }

        return [.. entries];
    }
}
