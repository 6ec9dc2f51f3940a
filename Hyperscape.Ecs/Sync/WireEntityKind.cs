namespace Hyperscape.Ecs.Sync;

/// <summary>What an entity in a sync frame is.</summary>
public enum WireEntityKind : byte
{
    /// <summary>A player character.</summary>
    Player = 1,

    /// <summary>An NPC.</summary>
    Npc = 2,

    /// <summary>Items on the ground.</summary>
    GroundItem = 3,

    /// <summary>A resource node (tree, rock, fishing spot): type = resource type, quantity 1 while it can be worked, 0 while depleted.</summary>
    Resource = 4,

    /// <summary>A fixed world object (bank booth, furnace, anvil, range): type = its kind.</summary>
    Object = 5,

    /// <summary>A dead player's gravestone: type 0, quantity = the stacks still in it. Its owner learns which is theirs from the gravestone events.</summary>
    Gravestone = 6,
}
