using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>resources.json</c> (docs/CONTENT.md): trees, rocks and fishing spots, their tools, odds and products.</summary>
internal static class ResourceFile
{
    /// <summary>The resource types of the file, numbered in file order; items are named by <paramref name="itemIds"/>.</summary>
    public static List<ResourceDefinition> Read(JsonElement root, ContentReader reader, IReadOnlyDictionary<string, int> itemIds)
    {
        var resources = new List<ResourceDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in reader.Array(root, "$", "resources"))
        {
            reader.Only(element, path, "id", "name", "skill", "level", "xp", "product", "tools", "rollTicks", "depleteOneIn", "respawnTicks", "moveTicks", "consumes", "blocks");
            var key = ItemFile.StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var skill = reader.Required(element, path, "skill") is { } named ? reader.Enum(named, ContentReader.Join(path, "skill"), (Skill)255) : (Skill)255;
            var level = reader.IntIn(element, path, "level", 1, XpTable.MaxLevel);
            var xp = reader.Required(element, path, "xp") is not null ? reader.TenthsOr(element, path, "xp", 0) : 0;
            var product = reader.Key(element, path, "product", itemIds, "item");
            var consumes = ContentReader.Has(element, "consumes") ? reader.Key(element, path, "consumes", itemIds, "item") : 0;
            var tools = Tools(element, path, reader, itemIds);
            var definition = new ResourceDefinition(resources.Count + 1, name ?? "", skill, level, xp, product ?? 0, tools)
            {
                RollTicks = reader.IntOr(element, path, "rollTicks", 4, 1, 100),
                DepleteOneIn = reader.IntOr(element, path, "depleteOneIn", 0, 0, 1_000_000),
                RespawnTicks = reader.IntOr(element, path, "respawnTicks", 50, 1, 1_000_000),
                MoveTicks = reader.IntOr(element, path, "moveTicks", 0, 0, 1_000_000),
                ConsumesItemId = consumes ?? 0,
                Blocks = reader.BoolOr(element, path, "blocks", true),
            };
            if (definition.DepleteOneIn == 0 && definition.MoveTicks == 0 && ContentReader.Has(element, "respawnTicks"))
            {
                reader.Problem(ContentReader.Join(path, "respawnTicks"), "a node that never depletes never respawns (set depleteOneIn)");
            }

            if (key is not null && name is not null && skill != (Skill)255 && product is not null && consumes is not null && tools.Length > 0)
            {
                resources.Add(definition with { Key = key });
            }
        }

        return resources;
    }

    private static ResourceTool[] Tools(JsonElement element, string path, ContentReader reader, IReadOnlyDictionary<string, int> itemIds)
    {
        var tools = new List<ResourceTool>();
        var list = reader.Array(element, path, "tools");
        if (list.Count == 0)
        {
            reader.Problem(ContentReader.Join(path, "tools"), "at least one tool: nothing could work this resource");
        }

        foreach (var (tool, at) in list)
        {
            reader.Only(tool, at, "item", "level", "low", "high");
            var item = reader.Key(tool, at, "item", itemIds, "item");
            var level = reader.IntOr(tool, at, "level", 1, 1, XpTable.MaxLevel);
            var low = reader.IntIn(tool, at, "low", 0, 1000);
            var high = reader.IntIn(tool, at, "high", 0, 1000);
            if (high < low)
            {
                reader.Problem(ContentReader.Join(at, "high"), $"at least low ({low}): the odds rise with the level");
            }

            if (item is { } id)
            {
                tools.Add(new ResourceTool(id, level, low, high));
            }
        }

        return [.. tools];
    }
}
