using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Host.Configuration;

/// <summary>How the world is built.</summary>
public sealed class WorldSettings
{
    /// <summary>
    /// A world file (docs/CONTENT.md) to play instead of the default world shipped in the
    /// library; relative to the working directory. Empty: the default world.
    /// </summary>
    public string File { get; set; } = "";

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
    /// The world these settings name, seeded: <see cref="File"/> when set, else the default.
    /// Throws <see cref="ContentException"/> with every problem of the file.
    /// </summary>
    public SimulationOptions LoadWorld()
    {
        var world = string.IsNullOrEmpty(File)
            ? SimulationOptions.CreateDefault()
            : WorldFile.Read(System.IO.File.ReadAllText(File), File, ItemCatalog.Standard, NpcCatalog.Standard);
        return world with { Seed = Seed };
    }
}
