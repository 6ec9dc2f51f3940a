using System.Text.Json;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>
/// Reads a world file (docs/CONTENT.md): the map and its walls, the player spawn, altars, NPC
/// spawns and ground items, naming NPC types and items by their string ids. Every problem is
/// collected before anything is built, and one problem means nothing loads.
/// </summary>
public static class WorldFile
{
    /// <summary>The format version this reader understands.</summary>
    public const int Version = 1;

    /// <summary>The largest side of a map, in tiles.</summary>
    public const int MaxMapSide = 4096;

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
        var reader = new ContentReader(file, problems);
        using var document = reader.Parse(json);
        var world = document is null ? null : Read(document, reader, items, npcs);
        return problems.Count == 0 && world is not null ? world : throw new ContentException(problems);
    }

    /// <summary>The world of a parsed file; null, with problems recorded, when it cannot be built.</summary>
    internal static SimulationOptions? Read(JsonDocument document, ContentReader reader, ItemCatalog items, NpcCatalog npcs, ResourceCatalog? resources = null, RecipeCatalog? recipes = null)
    {
        resources ??= ResourceCatalog.Empty;
        recipes ??= RecipeCatalog.Empty;
        if (reader.Root(document, Version, "map", "playerSpawn", "starterItems", "altars", "objects", "resources", "agility", "npcSpawns", "groundItems") is not { } root)
        {
            return null;
        }

        var water = new List<TileArea>();
        var map = Map(root, reader, water);
        if (map is null)
        {
            return null;
        }

        var altars = new List<Tile>();
        foreach (var (element, path) in reader.Array(root, "$", "altars"))
        {
            if (reader.TileIn(element, path, map) is { } altar)
            {
                // An altar is an object on its tile: nobody stands in it.
                map.SetBlocked(altar);
                altars.Add(altar);
            }
        }

        var objects = Objects(root, reader, map, items, recipes);
        var nodes = Resources(root, reader, map, resources);
        var places = new List<CoursePlace>();
        var courses = AgilityCourseReader.Read(root, reader, map, places);
        AgilityCourseReader.Check(places, reader, map);
        var spawn = reader.Required(root, "$", "playerSpawn") is { } at ? Standable(at, "playerSpawn", map, reader) : null;
        var npcKeys = npcs.All.ToDictionary(n => n.Key, n => n.Id, StringComparer.Ordinal);
        var spawns = new List<NpcSpawnPoint>();
        foreach (var (element, path) in reader.Array(root, "$", "npcSpawns"))
        {
            reader.Only(element, path, "npc", "at");
            var type = reader.Key(element, path, "npc", npcKeys, "NPC type");
            var tile = reader.Required(element, path, "at") is { } where ? Standable(where, $"{path}.at", map, reader) : null;
            if (type is { } id && tile is { } t)
            {
                spawns.Add(new NpcSpawnPoint(id, t));
            }
        }

        var itemKeys = items.All.ToDictionary(i => i.Key, i => i.Id, StringComparer.Ordinal);
        var ground = new List<GroundItemSpawn>();
        foreach (var (element, path) in reader.Array(root, "$", "groundItems"))
        {
            reader.Only(element, path, "item", "quantity", "at");
            var itemId = reader.Key(element, path, "item", itemKeys, "item");
            var quantity = ContentReader.Has(element, "quantity") ? reader.Int(element, path, "quantity") : 1;
            if (quantity is < 1)
            {
                reader.Problem($"{path}.quantity", "at least 1");
            }
            else if (quantity > 1 && itemId is { } stacked && !items[stacked].Stackable)
            {
                reader.Problem($"{path}.quantity", $"{items[stacked].Name} does not stack: one per ground item");
            }

            var tile = reader.Required(element, path, "at") is { } where ? Standable(where, $"{path}.at", map, reader) : null;
            if (itemId is { } idOk && quantity is >= 1 && tile is { } t)
            {
                ground.Add(new GroundItemSpawn(idOk, quantity.Value, t));
            }
        }

        var starter = new List<ItemStack>();
        var slots = 0;
        foreach (var (element, path) in reader.Array(root, "$", "starterItems"))
        {
            reader.Only(element, path, "item", "quantity");
            var itemId = reader.Key(element, path, "item", itemKeys, "item");
            var quantity = reader.IntOr(element, path, "quantity", 1, 1);
            if (itemId is { } id)
            {
                starter.Add(new ItemStack(id, quantity));
                slots += items[id].Stackable ? 1 : quantity;
            }
        }

        if (slots > Inventory.SlotCount)
        {
            reader.Problem("starterItems", $"{slots} inventory slots; an inventory has {Inventory.SlotCount}");
        }

        return spawn is { } start
            ? new SimulationOptions
            {
                Map = map,
                Water = water,
                Items = items,
                Npcs = npcs,
                Resources = resources,
                ResourceSpawns = nodes,
                Objects = objects,
                AgilityCourses = courses,
                PlayerSpawn = start,
                StarterItems = starter,
                Altars = altars,
                NpcSpawns = spawns,
                GroundItems = ground,
            }
            : null;
    }

    private static List<WorldObjectSpawn> Objects(JsonElement root, ContentReader reader, TileMap map, ItemCatalog items, RecipeCatalog recipes)
    {
        var itemKeys = items.All.ToDictionary(i => i.Key, i => i.Id, StringComparer.Ordinal);
        var objects = new List<WorldObjectSpawn>();
        foreach (var (element, path) in reader.Array(root, "$", "objects"))
        {
            reader.Only(element, path, "object", "at", "makes");
            var kind = reader.Required(element, path, "object") is { } named ? reader.Enum(named, $"{path}.object", (WorldObjectKind)0) : (WorldObjectKind)0;
            var tile = reader.Required(element, path, "at") is { } where ? Standable(where, $"{path}.at", map, reader) : null;
            var variant = 0;
            if (kind is WorldObjectKind.Fire or WorldObjectKind.Obstacle)
            {
                reader.Problem($"{path}.object", kind == WorldObjectKind.Fire ? "fires are lit by players, not placed" : "obstacles are placed by agility courses (the agility list)");
                kind = 0;
            }
            else if (kind == WorldObjectKind.RuneAltar)
            {
                var makes = reader.Key(element, path, "makes", itemKeys, "item");
                if (makes is { } rune && (!recipes.TryGet(rune, out var recipe) || recipe.Station != WorldObjectKind.RuneAltar))
                {
                    reader.Problem($"{path}.makes", $"no recipe makes {items[rune].Name} at a rune altar");
                    kind = 0;
                }

                variant = makes ?? 0;
            }
            else if (ContentReader.Has(element, "makes"))
            {
                reader.Problem($"{path}.makes", "only a rune altar makes something of its own");
            }

            if (kind != 0 && tile is { } t)
            {
                // An object stands on its tile: nobody walks through a bank booth.
                map.SetBlocked(t);
                objects.Add(new WorldObjectSpawn(kind, t, variant));
            }
        }

        return objects;
    }

    private static List<ResourceSpawn> Resources(JsonElement root, ContentReader reader, TileMap map, ResourceCatalog resources)
    {
        var keys = resources.All.ToDictionary(r => r.Key, r => r.Id, StringComparer.Ordinal);
        var nodes = new List<ResourceSpawn>();
        var placed = new List<(Tile Tile, string Path, ResourceDefinition Definition)>();
        foreach (var (element, path) in reader.Array(root, "$", "resources"))
        {
            reader.Only(element, path, "resource", "at", "moves");
            var type = reader.Key(element, path, "resource", keys, "resource");
            var tile = reader.Required(element, path, "at") is { } where ? reader.TileIn(where, $"{path}.at", map) : null;
            var moves = new List<Tile>();
            foreach (var (move, movePath) in reader.Array(element, path, "moves"))
            {
                if (reader.TileIn(move, movePath, map) is { } to)
                {
                    moves.Add(to);
                }
            }

            if (type is not { } id || tile is not { } t)
            {
                continue;
            }

            var definition = resources[id];
            if (moves.Count > 0 && definition.MoveTicks == 0)
            {
                reader.Problem($"{path}.moves", $"{definition.Name} does not move (its moveTicks is 0)");
            }

            if (definition.Blocks && !map.IsWalkable(t))
            {
                reader.Problem($"{path}.at", $"{t} is a wall, water or another object");
                continue;
            }

            if (definition.Blocks)
            {
                // A tree or a rock is an object on its tile: nobody stands in it.
                map.SetBlocked(t);
            }

            placed.Add((t, $"{path}.at", definition));
            for (var i = 0; i < moves.Count; i++)
            {
                placed.Add((moves[i], $"{path}.moves[{i}]", definition));
            }

            nodes.Add(new ResourceSpawn(id, t, moves));
        }

        // Checked once every object stands: a node walled in by its neighbours cannot be worked.
        foreach (var (tile, path, definition) in placed)
        {
            if (!HasWalkableNeighbour(map, tile))
            {
                reader.Problem(path, $"no walkable tile beside {tile}: nobody could work the {definition.Name.ToLowerInvariant()}");
            }
        }

        return nodes;
    }

    /// <summary>True when a tile beside <paramref name="tile"/> can be stood on.</summary>
    internal static bool HasWalkableNeighbour(TileMap map, Tile tile)
    {
        for (var dz = -1; dz <= 1; dz++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var next = new Tile(tile.X + dx, tile.Z + dz);
                if ((dx != 0 || dz != 0) && map.Contains(next) && map.IsWalkable(next))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static TileMap? Map(JsonElement root, ContentReader reader, List<TileArea> water)
    {
        if (reader.Required(root, "$", "map") is not { } map)
        {
            return null;
        }

        reader.Only(map, "map", "width", "height", "walls", "water");
        var width = reader.Int(map, "map", "width");
        var height = reader.Int(map, "map", "height");
        if (width is < 1 or > MaxMapSide || height is < 1 or > MaxMapSide)
        {
            reader.Problem("map", $"width and height are 1 to {MaxMapSide} tiles");
            return null;
        }

        if (width is not { } w || height is not { } h)
        {
            return null;
        }

        var tiles = new TileMap(w, h);
        foreach (var wall in Areas(map, "walls", tiles, reader))
        {
            tiles.BlockRectangle(wall.From, wall.To);
        }

        foreach (var area in Areas(map, "water", tiles, reader))
        {
            tiles.BlockRectangle(area.From, area.To);
            water.Add(area);
        }

        return tiles;
    }

    /// <summary>The rectangles of a list like <c>map.walls</c>: <c>{ "from": [x, z], "to": [x, z] }</c> each.</summary>
    private static List<TileArea> Areas(JsonElement map, string name, TileMap tiles, ContentReader reader)
    {
        var areas = new List<TileArea>();
        foreach (var (area, path) in reader.Array(map, "map", name))
        {
            reader.Only(area, path, "from", "to");
            var from = reader.Required(area, path, "from") is { } a ? reader.TileIn(a, $"{path}.from", tiles) : null;
            var to = reader.Required(area, path, "to") is { } b ? reader.TileIn(b, $"{path}.to", tiles) : null;
            if (from is { } f && to is { } t)
            {
                areas.Add(new TileArea(f, t));
            }
        }

        return areas;
    }

    private static Tile? Standable(JsonElement element, string path, TileMap map, ContentReader reader)
    {
        if (reader.TileIn(element, path, map) is not { } tile)
        {
            return null;
        }

        if (!map.IsWalkable(tile))
        {
            reader.Problem(path, $"{tile} is a wall, water or an object");
            return null;
        }

        return tile;
    }
}
