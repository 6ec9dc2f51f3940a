using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>recipes.json</c> (docs/CONTENT.md): what smelting, smithing, fletching, crafting and runecrafting make, from what, where.</summary>
internal static class RecipeFile
{
    private static readonly WorldObjectKind[] Stations = [WorldObjectKind.Furnace, WorldObjectKind.Anvil, WorldObjectKind.Range, WorldObjectKind.RuneAltar];

    /// <summary>The recipes of the file; items are named by <paramref name="itemIds"/>.</summary>
    public static List<Recipe> Read(JsonElement root, ContentReader reader, IReadOnlyDictionary<string, int> itemIds)
    {
        var recipes = new List<Recipe>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var products = new Dictionary<int, string>();
        foreach (var (element, path) in reader.Array(root, "$", "recipes"))
        {
            reader.Only(element, path, "id", "skill", "level", "xp", "product", "quantity", "inputs", "tools", "station", "ticks", "successPercent", "multiplesAt", "all");
            var key = ItemFile.StringId(element, path, reader, seen);
            var skill = reader.Required(element, path, "skill") is { } named ? reader.Enum(named, ContentReader.Join(path, "skill"), (Skill)255) : (Skill)255;
            var level = reader.IntIn(element, path, "level", 1, XpTable.MaxLevel);
            var xp = reader.Required(element, path, "xp") is not null ? reader.TenthsOr(element, path, "xp", 0) : 0;
            var product = reader.Key(element, path, "product", itemIds, "item");
            if (product is { } made && key is not null && !products.TryAdd(made, key))
            {
                reader.Problem(ContentReader.Join(path, "product"), $"recipe '{products[made]}' makes this item already: one recipe per product");
            }

            var inputs = Inputs(element, path, reader, itemIds, product);
            var tools = Tools(element, path, reader, itemIds);
            var station = Station(element, path, reader);
            var multiples = Multiples(element, path, reader, level);
            if (key is not null && skill != (Skill)255 && product is { } id && inputs is not null && tools is not null && station is not null)
            {
                recipes.Add(new Recipe(id, reader.IntOr(element, path, "quantity", 1, 1, 10_000), skill, level, xp, inputs, tools)
                {
                    Key = key,
                    Station = station == (WorldObjectKind)0 ? null : station,
                    Ticks = reader.IntOr(element, path, "ticks", 4, 1, 100),
                    SuccessPercent = reader.IntOr(element, path, "successPercent", 100, 1, 100),
                    MultiplesAt = multiples,
                    All = reader.BoolOr(element, path, "all", false),
                });
            }
        }

        return recipes;
    }

    private static RecipeInput[]? Inputs(JsonElement element, string path, ContentReader reader, IReadOnlyDictionary<string, int> itemIds, int? product)
    {
        var list = reader.Array(element, path, "inputs");
        if (list.Count == 0)
        {
            reader.Problem(ContentReader.Join(path, "inputs"), "at least one item used up: a recipe makes something from something");
            return null;
        }

        var inputs = new List<RecipeInput>();
        var whole = true;
        foreach (var (input, at) in list)
        {
            reader.Only(input, at, "item", "quantity");
            var item = reader.Key(input, at, "item", itemIds, "item");
            var quantity = reader.IntOr(input, at, "quantity", 1, 1, 10_000);
            if (item is not { } id)
            {
                whole = false;
            }
            else if (id == product)
            {
                reader.Problem(ContentReader.Join(at, "item"), "the product itself: making it would use it up");
                whole = false;
            }
            else if (inputs.Exists(i => i.ItemId == id))
            {
                reader.Problem(ContentReader.Join(at, "item"), "listed already: give one line a quantity");
                whole = false;
            }
            else
            {
                inputs.Add(new RecipeInput(id, quantity));
            }
        }

        return whole ? [.. inputs] : null;
    }

    private static int[]? Tools(JsonElement element, string path, ContentReader reader, IReadOnlyDictionary<string, int> itemIds)
    {
        var tools = new List<int>();
        var whole = true;
        foreach (var (tool, at) in reader.Array(element, path, "tools"))
        {
            if (tool.ValueKind != JsonValueKind.String || !itemIds.TryGetValue(tool.GetString()!, out var id))
            {
                reader.Problem(at, tool.ValueKind == JsonValueKind.String ? $"no item has the id '{tool.GetString()}'" : "the id of an item, a string");
                whole = false;
            }
            else
            {
                tools.Add(id);
            }
        }

        return whole ? [.. tools] : null;
    }

    /// <summary>The station kind, default (0) for none; null when the field is wrong.</summary>
    private static WorldObjectKind? Station(JsonElement element, string path, ContentReader reader)
    {
        if (!ContentReader.Has(element, "station"))
        {
            return default(WorldObjectKind);
        }

        var at = ContentReader.Join(path, "station");
        var text = element.GetProperty("station");
        var name = text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        foreach (var station in Stations)
        {
            if (ContentReader.SnakeCase(station.ToString()) == name)
            {
                return station;
            }
        }

        reader.Problem(at, $"one of {string.Join(", ", Stations.Select(s => ContentReader.SnakeCase(s.ToString())))}");
        return null;
    }

    private static int[] Multiples(JsonElement element, string path, ContentReader reader, int level)
    {
        var levels = new List<int>();
        foreach (var (entry, at) in reader.Array(element, path, "multiplesAt"))
        {
            if (entry.ValueKind != JsonValueKind.Number || !entry.TryGetInt32(out var from) || from <= level || from > XpTable.MaxLevel || (levels.Count > 0 && from <= levels[^1]))
            {
                reader.Problem(at, $"a level above the recipe's ({level}) and the one before, at most {XpTable.MaxLevel}");
                continue;
            }

            levels.Add(from);
        }

        return [.. levels];
    }
}
