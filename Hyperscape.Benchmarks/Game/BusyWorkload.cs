namespace Hyperscape.Benchmarks.Game;

/// <summary>What the busy half of a <see cref="BusyWorld"/>'s players do.</summary>
public enum BusyWorkload
{
    /// <summary>Melee with NPCs, every weapon kind and stance, praying.</summary>
    Fighting,

    /// <summary>Woodcutting, mining and fishing, five to a node; and smelting and fletching.</summary>
    Gathering,
}
