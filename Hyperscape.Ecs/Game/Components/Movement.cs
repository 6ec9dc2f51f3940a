using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>
/// Where an entity is walking: a path of turning points toward <see cref="Destination"/>, or a
/// chase of <see cref="Follow"/>. A path longer than <see cref="MaxWaypoints"/> turns is walked
/// in pieces, searching again from the last waypoint.
/// </summary>
public struct Movement
{
    /// <summary>Turning points stored per path piece.</summary>
    public const int MaxWaypoints = 16;

    /// <summary>Turning points of the current path piece.</summary>
    internal WaypointBuffer Waypoints;

    /// <summary>Where the walk ends.</summary>
    public Tile Destination;

    /// <summary>An entity to chase into melee reach instead of a path, or <see cref="Entity.Null"/>.</summary>
    public Entity Follow;

    /// <summary>Valid waypoints.</summary>
    internal byte Count;

    /// <summary>The waypoint being walked to.</summary>
    internal byte Next;

    /// <summary>Four tiles a tick instead of two.</summary>
    public bool Running;

    /// <summary>True while walking a path.</summary>
    public bool HasDestination;

    /// <summary>True while walking or chasing.</summary>
    public readonly bool IsMoving => HasDestination || !Follow.IsNull;

    /// <summary>Stops walking and chasing; keeps the run toggle.</summary>
    public void Stop()
    {
        Count = 0;
        Next = 0;
        HasDestination = false;
        Follow = Entity.Null;
    }
}
