namespace Hyperscape.Ecs.Game.Components;

/// <summary>A tree, rock or fishing spot in the world.</summary>
public struct ResourceNode
{
    /// <summary>Its resource type.</summary>
    public int DefinitionId;

    /// <summary>Its place in <see cref="SimulationOptions.Resources"/>: where it stands and may move.</summary>
    public int SpawnIndex;

    /// <summary>Depleted until <see cref="RespawnAtTick"/> (a stump, an empty rock).</summary>
    public bool Depleted;

    /// <summary>The tick a depleted node comes back.</summary>
    public long RespawnAtTick;

    /// <summary>The tick a moving node (a fishing spot) moves next; 0 for one that stays.</summary>
    public long MoveAtTick;

    /// <summary>Which of its spawn's tiles it stands on now.</summary>
    public int TileIndex;
}
