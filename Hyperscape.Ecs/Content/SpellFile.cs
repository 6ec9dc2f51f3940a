using System.Text.Json;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>spells.json</c> (docs/CONTENT.md): the combat spells, numbered in file order.</summary>
internal static class SpellFile
{
    /// <summary>The spells of the file; runes are items named by <paramref name="itemIds"/>.</summary>
    public static List<SpellDefinition> Read(JsonElement root, ContentReader reader, IReadOnlyDictionary<string, int> itemIds)
    {
        var spells = new List<SpellDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in reader.Array(root, "$", "spells"))
        {
            reader.Only(element, path, "id", "name", "level", "xp", "maxHit", "runes");
            var key = ItemFile.StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var level = reader.IntIn(element, path, "level", 1, XpTable.MaxLevel);
            var xp = reader.Required(element, path, "xp") is not null ? reader.TenthsOr(element, path, "xp", 0) : 0;
            var maxHit = reader.IntIn(element, path, "maxHit", 0, 1000);
            var runes = new List<ItemStack>();
            var list = reader.Array(element, path, "runes");
            if (list.Count == 0)
            {
                reader.Problem(ContentReader.Join(path, "runes"), "at least one rune: a spell costs something");
            }

            var whole = true;
            foreach (var (rune, at) in list)
            {
                reader.Only(rune, at, "item", "quantity");
                var item = reader.Key(rune, at, "item", itemIds, "item");
                var quantity = reader.IntOr(rune, at, "quantity", 1, 1, 1000);
                if (item is not { } id || runes.Exists(r => r.ItemId == id))
                {
                    if (item is not null)
                    {
                        reader.Problem(ContentReader.Join(at, "item"), "listed already: give one line a quantity");
                    }

                    whole = false;
                    continue;
                }

                runes.Add(new ItemStack(id, quantity));
            }

            if (key is not null && name is not null && whole && runes.Count > 0)
            {
                spells.Add(new SpellDefinition(spells.Count + 1, name, level, xp, maxHit, [.. runes]) { Key = key });
            }
        }

        return spells;
    }
}
