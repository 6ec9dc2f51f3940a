using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>
/// A player working a resource node: walking to it, then rolling every few ticks until the node
/// runs out, the inventory fills, or the player does something else.
/// </summary>
public struct Gathering
{
    /// <summary>The node, or <see cref="Entity.Null"/> when not gathering.</summary>
    public Entity Node;

    /// <summary>The first tick a roll may happen; rolls follow every <see cref="Rules.ResourceDefinition.RollTicks"/>.</summary>
    public long NextRollTick;

    /// <summary>True while gathering.</summary>
    public readonly bool Active => !Node.IsNull;
}
