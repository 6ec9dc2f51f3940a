using System.Text.Json;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>
/// Reads a world file (docs/CONTENT.md): the map and its walls, the player spawn, altars, NPC
/// spawns and ground items, naming NPC types and items by their keys. Every problem is collected
/// before anything is built, and one problem means nothing loads.
/// </summary>
public static class WorldFile
{
    /// <summary>The format version this reader understands.</summary>
    public const int Version = 1;

    /// <summary>The largest side of a map, in tiles.</summary>
    public const int MaxMapSide = 4096;

    private static readonly JsonDocumentOptions Json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// The world of <paramref name="json"/> as simulation options (map, spawns, items on the
    /// ground, altars) over <paramref name="items"/> and <paramref name="npcs"/>; throws a
    /// <see cref="ContentException"/> listing every problem, each as <c>file: path: what</c>.
    /// </summary>
    public static SimulationOptions Read(string json, string file, ItemCatalog items, NpcCatalog npcs)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(npcs);
        var problems = new List<ContentProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Json);
        }
        catch (JsonException exception)
        {
            throw new ContentException([new ContentProblem(file, $"line {exception.LineNumber + 1}", $"not JSON: {exception.Message}")]);
        }

        using (document)
        {
            var reader = new Reader(file, problems);
            var world = reader.World(document.RootElement, items, npcs);
            if (problems.Count > 0 || world is null)
            {
                throw new ContentException(problems);
            }

            return world;
        }
    }

    /// <summary>The default world, shipped in this library as <c>default-world.json</c>.</summary>
    public static SimulationOptions ReadDefault()
    {
        using var stream = typeof(WorldFile).Assembly.GetManifestResourceStream("Hyperscape.Ecs.Content.default-world.json")
            ?? throw new InvalidOperationException("The default world is missing from the library.");
        using var text = new StreamReader(stream);
        return Read(text.ReadToEnd(), "default-world.json", ItemCatalog.Standard, NpcCatalog.Standard);
    }

    private sealed class Reader(string file, List<ContentProblem> problems)
    {
        public SimulationOptions? World(JsonElement root, ItemCatalog items, NpcCatalog npcs)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("$", "a world file is one JSON object");
                return null;
            }

            Only(root, "$", "$schema", "version", "map", "playerSpawn", "altars", "npcSpawns", "groundItems");
            if (Int(root, "$", "version") is { } version && version != Version)
            {
                Problem("version", $"this server reads version {Version}, not {version}");
            }

            var map = Map(root);
            if (map is null)
            {
                return null;
            }

            var altars = new List<Tile>();
            foreach (var (element, path) in Array(root, "", "altars"))
            {
                if (TileIn(element, path, map) is { } altar)
                {
                    // An altar is an object on its tile: nobody stands in it.
                    map.SetBlocked(altar);
                    altars.Add(altar);
                }
            }

            var spawn = Required(root, "$", "playerSpawn") is { } at ? Standable(at, "playerSpawn", map) : null;
            var npcKeys = npcs.All.ToDictionary(n => ContentKey.Of(n.Name), n => n.Id, StringComparer.Ordinal);
            var spawns = new List<NpcSpawnPoint>();
            foreach (var (element, path) in Array(root, "", "npcSpawns"))
            {
                Only(element, path, "npc", "at");
                var type = Key(element, path, "npc", npcKeys, "NPC type");
                var tile = Required(element, path, "at") is { } where ? Standable(where, $"{path}.at", map) : null;
                if (type is { } id && tile is { } t)
                {
                    spawns.Add(new NpcSpawnPoint(id, t));
                }
            }

            var itemKeys = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var id = 1; id <= items.MaxId; id++)
            {
                if (items.TryGet(id, out var item))
                {
                    itemKeys[ContentKey.Of(item.Name)] = id;
                }
            }

            var ground = new List<GroundItemSpawn>();
            foreach (var (element, path) in Array(root, "", "groundItems"))
            {
                Only(element, path, "item", "quantity", "at");
                var itemId = Key(element, path, "item", itemKeys, "item");
                var quantity = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("quantity", out _) ? Int(element, path, "quantity") : 1;
                if (quantity is < 1)
                {
                    Problem($"{path}.quantity", "at least 1");
                }
                else if (quantity > 1 && itemId is { } stacked && !items[stacked].Stackable)
                {
                    Problem($"{path}.quantity", $"{items[stacked].Name} does not stack: one per ground item");
                }

                var tile = Required(element, path, "at") is { } where ? Standable(where, $"{path}.at", map) : null;
                if (itemId is { } idOk && quantity is >= 1 && tile is { } t)
                {
                    ground.Add(new GroundItemSpawn(idOk, quantity.Value, t));
                }
            }

            return spawn is { } start
                ? new SimulationOptions { Map = map, Items = items, Npcs = npcs, PlayerSpawn = start, Altars = altars, NpcSpawns = spawns, GroundItems = ground }
                : null;
        }

        private TileMap? Map(JsonElement root)
        {
            if (Required(root, "$", "map") is not { } map)
            {
                return null;
            }

            Only(map, "map", "width", "height", "walls");
            var width = Int(map, "map", "width");
            var height = Int(map, "map", "height");
            if (width is < 1 or > MaxMapSide || height is < 1 or > MaxMapSide)
            {
                Problem("map", $"width and height are 1 to {MaxMapSide} tiles");
                return null;
            }

            if (width is not { } w || height is not { } h)
            {
                return null;
            }

            var tiles = new TileMap(w, h);
            foreach (var (wall, path) in Array(map, "map.", "walls"))
            {
                Only(wall, path, "from", "to");
                var from = Required(wall, path, "from") is { } a ? TileIn(a, $"{path}.from", tiles) : null;
                var to = Required(wall, path, "to") is { } b ? TileIn(b, $"{path}.to", tiles) : null;
                if (from is { } f && to is { } t)
                {
                    tiles.BlockRectangle(f, t);
                }
            }

            return tiles;
        }

        private Tile? Standable(JsonElement element, string path, TileMap map)
        {
            if (TileIn(element, path, map) is not { } tile)
            {
                return null;
            }

            if (!map.IsWalkable(tile))
            {
                Problem(path, $"{tile} is a wall or an object");
                return null;
            }

            return tile;
        }

        private Tile? TileIn(JsonElement element, string path, TileMap map)
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2
                || !element[0].TryGetInt32(out var x) || !element[1].TryGetInt32(out var z))
            {
                Problem(path, "a tile is [x, z], two whole numbers");
                return null;
            }

            var tile = new Tile(x, z);
            if (!map.Contains(tile))
            {
                Problem(path, $"{tile} is off the {map.Width} × {map.Height} map");
                return null;
            }

            return tile;
        }

        private int? Key(JsonElement element, string path, string name, Dictionary<string, int> known, string what)
        {
            if (Required(element, path, name) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Problem($"{path}.{name}", $"an {what} key, a string");
                return null;
            }

            var key = value.GetString()!;
            if (!known.TryGetValue(key, out var id))
            {
                Problem($"{path}.{name}", $"no {what} has the key '{key}'");
                return null;
            }

            return id;
        }

        private IEnumerable<(JsonElement Element, string Path)> Array(JsonElement parent, string prefix, string name)
        {
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var array))
            {
                return [];
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Problem(prefix + name, "a list");
                return [];
            }

            return array.EnumerateArray().Select((element, i) => (element, $"{prefix}{name}[{i}]")).ToList();
        }

        private JsonElement? Required(JsonElement parent, string path, string name)
        {
            if (parent.ValueKind != JsonValueKind.Object)
            {
                Problem(path, "an object");
                return null;
            }

            if (!parent.TryGetProperty(name, out var value))
            {
                Problem(path == "$" ? name : $"{path}.{name}", "missing");
                return null;
            }

            return value;
        }

        private int? Int(JsonElement parent, string path, string name)
        {
            if (Required(parent, path, name) is not { } value)
            {
                return null;
            }

            if (!value.TryGetInt32(out var number))
            {
                Problem(path == "$" ? name : $"{path}.{name}", "a whole number");
                return null;
            }

            return number;
        }

        private void Only(JsonElement element, string path, params string[] names)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (System.Array.IndexOf(names, property.Name) < 0)
                {
                    Problem(path == "$" ? property.Name : $"{path}.{property.Name}", $"unknown field (known: {string.Join(", ", names.Where(n => n != "$schema"))})");
                }
            }
        }

        private void Problem(string path, string message) => problems.Add(new ContentProblem(file, path, message));
    }
}
