namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>How a path search ended.</summary>
internal enum PathOutcome : byte
{
    /// <summary>A path to the goal was found.</summary>
    Found,

    /// <summary>The goal cannot be reached; the path leads to the reachable tile closest to it.</summary>
    Closest,

    /// <summary>The goal is farther than the search allows, off the map, or nothing is reachable.</summary>
    Refused,
}
