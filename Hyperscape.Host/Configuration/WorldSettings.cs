using Hyperscape.Ecs.Content;

namespace Hyperscape.Host.Configuration;

/// <summary>How the world is built.</summary>
public sealed class WorldSettings
{
    /// <summary>
    /// A folder of content files (docs/CONTENT.md: <c>items.json</c>, <c>npcs.json</c>,
    /// <c>world.json</c>) to play instead of the default world shipped in the library; a file the
    /// folder does not have is the default's. Relative to the working directory. Empty: the
    /// default world.
    /// </summary>
    public string Content { get; set; } = "";

    /// <summary>Seeds every random roll.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Place the default world's items on the ground at start-up.</summary>
    public bool SpawnGroundItems { get; set; } = true;

    /// <summary>Place the default world's NPCs.</summary>
    public bool SpawnNpcs { get; set; } = true;

    /// <summary>
    /// Extra chickens, cows, goblins and giant rats at random walkable tiles (chosen from
    /// <see cref="Seed"/>) within <see cref="ScatterRadius"/> of the spawn point: a busier world
    /// for load tests and demonstrations.
    /// </summary>
    public int ScatteredNpcs { get; set; }

    /// <summary>How far from the spawn point scattered NPCs may stand.</summary>
    public int ScatterRadius { get; set; } = 100;

    /// <summary>
    /// The content files these settings name, text by file name: every <c>*.json</c> of
    /// <see cref="Content"/> (none for the default world). IO errors are the caller's.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReadContentFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(Content))
        {
            foreach (var path in Directory.EnumerateFiles(Content, "*.json").Order(StringComparer.Ordinal))
            {
                files[Path.GetFileName(path)] = File.ReadAllText(path);
            }
        }

        return files;
    }

    /// <summary>
    /// The content these settings name with ids from <paramref name="ids"/>.
    /// Throws <see cref="ContentException"/> with every problem of every file.
    /// </summary>
    public GameContent LoadContent(ContentIds ids) => GameContent.Read(ReadContentFiles(), ids);
}
