namespace Hyperscape.Host.Configuration;

/// <summary>How the world is built.</summary>
public sealed class WorldSettings
{
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
}
