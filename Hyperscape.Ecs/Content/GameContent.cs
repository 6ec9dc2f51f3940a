using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>
/// A world's content, read from its data files (docs/CONTENT.md): items, NPC types and the world
/// itself, with the integer ids of the registry. The library reads text, never files: the host
/// (or a test) hands over each file's text by name.
/// </summary>
public sealed class GameContent
{
    /// <summary>The items file.</summary>
    public const string ItemsFile = "items.json";

    /// <summary>The NPC types file.</summary>
    public const string NpcsFile = "npcs.json";

    /// <summary>The shops file.</summary>
    public const string ShopsFile = "shops.json";

    /// <summary>The resource types file: trees, rocks, fishing spots.</summary>
    public const string ResourcesFile = "resources.json";

    /// <summary>The recipes file: smelting, smithing, fletching, crafting, runecrafting.</summary>
    public const string RecipesFile = "recipes.json";

    /// <summary>The prayers file.</summary>
    public const string PrayersFile = "prayers.json";

    /// <summary>The spells file: the combat spellbook.</summary>
    public const string SpellsFile = "spells.json";

    /// <summary>The world file: map, spawns, objects, agility courses.</summary>
    public const string WorldFileName = "world.json";

    /// <summary>The format version of the items and NPC files.</summary>
    public const int Version = 1;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> DefaultTexts = new(ReadDefaultTexts);
    private static readonly Lazy<GameContent> DefaultContent = new(() => Read(DefaultFiles, ContentIds.Empty));

    private GameContent(ItemCatalog items, NpcCatalog npcs, ResourceCatalog resources, RecipeCatalog recipes, SpellBook spells, PrayerBook prayers, SimulationOptions world, ContentIds ids)
    {
        Items = items;
        Npcs = npcs;
        Resources = resources;
        Recipes = recipes;
        Spells = spells;
        Prayers = prayers;
        World = world;
        Ids = ids;
    }

    /// <summary>The file names content is read from, in reading order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [ItemsFile, ShopsFile, NpcsFile, ResourcesFile, RecipesFile, SpellsFile, PrayersFile, WorldFileName];

    /// <summary>The default world's files, as shipped in this library.</summary>
    public static IReadOnlyDictionary<string, string> DefaultFiles => DefaultTexts.Value;

    /// <summary>The default world with a fresh registry: its ids are the files' order (and <see cref="ItemIds"/>).</summary>
    public static GameContent Default => DefaultContent.Value;

    /// <summary>Every item.</summary>
    public ItemCatalog Items { get; }

    /// <summary>Every NPC type.</summary>
    public NpcCatalog Npcs { get; }

    /// <summary>Every resource type, numbered in file order (saves never hold these ids).</summary>
    public ResourceCatalog Resources { get; }

    /// <summary>Every recipe, by product.</summary>
    public RecipeCatalog Recipes { get; }

    /// <summary>The combat spells, by id.</summary>
    public SpellBook Spells { get; }

    /// <summary>The prayers, by id.</summary>
    public PrayerBook Prayers { get; }

    /// <summary>The world as simulation options: map, spawns, ground items, altars, and the catalogs above.</summary>
    public SimulationOptions World { get; }

    /// <summary>The registry after reading: <see cref="ContentIds.Added"/> holds the ids to store before play.</summary>
    public ContentIds Ids { get; }

    /// <summary>
    /// Reads <paramref name="files"/> (text by file name; a file missing from it is the default
    /// world's) against the registry <paramref name="ids"/>, which gains the ids of new content.
    /// Throws a <see cref="ContentException"/> with every problem of every file; nothing half-loads.
    /// </summary>
    public static GameContent Read(IReadOnlyDictionary<string, string> files, ContentIds ids)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(ids);
        var problems = new List<ContentProblem>();
        foreach (var name in files.Keys)
        {
            if (!FileNames.Contains(name))
            {
                problems.Add(new ContentProblem(name, "$", $"not a content file (known: {string.Join(", ", FileNames)})"));
            }
        }

        string Text(string name) => files.TryGetValue(name, out var text) ? text : DefaultFiles[name];

        var itemList = ReadList(ItemsFile, "items", Text(ItemsFile), problems, (root, reader) => ItemFile.Read(root, reader, ids));
        var items = new ItemCatalog(itemList);
        var itemKeys = itemList.ToDictionary(i => i.Key, i => i.Id, StringComparer.Ordinal);
        var shopList = ReadList(ShopsFile, "shops", Text(ShopsFile), problems, (root, reader) => ShopFile.Read(root, reader, itemKeys));
        var shops = new ShopCatalog(shopList);
        var shopKeys = shopList.ToDictionary(s => s.Key, s => s.Id, StringComparer.Ordinal);
        var npcs = new NpcCatalog(ReadList(NpcsFile, "npcs", Text(NpcsFile), problems, (root, reader) => NpcFile.Read(root, reader, ids, itemKeys, items, shopKeys)));
        var resources = new ResourceCatalog(ReadList(ResourcesFile, "resources", Text(ResourcesFile), problems, (root, reader) => ResourceFile.Read(root, reader, itemKeys)));
        var recipes = new RecipeCatalog(ReadList(RecipesFile, "recipes", Text(RecipesFile), problems, (root, reader) => RecipeFile.Read(root, reader, itemKeys)));
        var spells = new SpellBook(ReadList(SpellsFile, "spells", Text(SpellsFile), problems, (root, reader) => SpellFile.Read(root, reader, itemKeys)));
        var prayers = new PrayerBook(ReadList(PrayersFile, "prayers", Text(PrayersFile), problems, (root, reader) => PrayerFile.Read(root, reader)));
        var worldReader = new ContentReader(WorldFileName, problems);
        SimulationOptions? world = null;
        using (var document = worldReader.Parse(Text(WorldFileName)))
        {
            if (document is not null)
            {
                world = WorldFile.Read(document, worldReader, items, npcs, resources, recipes) is { } read ? read with { Shops = shops, Recipes = recipes, Spells = spells, Prayers = prayers } : null;
            }
        }

        return problems.Count == 0 && world is not null
            ? new GameContent(items, npcs, resources, recipes, spells, prayers, world, ids)
            : throw new ContentException(problems.Count > 0 ? problems : [new ContentProblem(WorldFileName, "$", "no world")]);
    }

    /// <summary>The entries of a list file (<c>{ "version", "&lt;list&gt;": [...] }</c>); none when it does not parse.</summary>
    private static List<T> ReadList<T>(string file, string list, string text, List<ContentProblem> problems, Func<System.Text.Json.JsonElement, ContentReader, List<T>> read)
    {
        var reader = new ContentReader(file, problems);
        using var document = reader.Parse(text);
        return document is not null && reader.Root(document, Version, list) is { } root ? read(root, reader) : [];
    }

    private static IReadOnlyDictionary<string, string> ReadDefaultTexts()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            using var stream = typeof(GameContent).Assembly.GetManifestResourceStream($"Hyperscape.Ecs.Content.Default.{name}")
                ?? throw new InvalidOperationException($"The default world's {name} is missing from the library.");
            using var text = new StreamReader(stream);
            texts[name] = text.ReadToEnd();
        }

        return texts;
    }
}
