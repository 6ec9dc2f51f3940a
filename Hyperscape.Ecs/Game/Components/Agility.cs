using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>A player on an agility course: the obstacle being walked to or crossed, and the lap so far.</summary>
public struct Agility
{
    /// <summary>The obstacle the player is walking to or crossing; null when none.</summary>
    public Entity Obstacle;

    /// <summary>The tick the crossing ends; 0 while still walking to the obstacle.</summary>
    public long LandTick;

    /// <summary>The course of the lap under way (its index plus one), 0 for none.</summary>
    public int Course;

    /// <summary>One bit per obstacle of that course crossed this lap.</summary>
    public uint Crossed;

    /// <summary>True while crossing: the player can do nothing else until landing.</summary>
    public readonly bool Crossing => LandTick != 0;
}
