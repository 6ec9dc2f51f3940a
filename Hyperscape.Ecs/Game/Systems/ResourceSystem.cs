using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Resource nodes over time: a depleted node (a stump, an empty rock) comes back when its time is
/// up, and a moving node (a fishing spot) moves to its next tile every so often, which stops
/// whoever was fishing it (they find it gone from beside them).
/// </summary>
internal sealed class ResourceSystem : IGameSystem
{
    private static readonly QueryDescription Nodes = new QueryDescription().WithAll<ResourceNode, Position>();
    private readonly Query _nodes;

    /// <summary>Creates the system and resolves its query once.</summary>
    public ResourceSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _nodes = world.Query(Nodes);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        var now = context.Tick;
        foreach (var chunk in _nodes.GetChunks())
        {
            // Read first: writing marks the chunk changed, and most ticks nothing is due.
            var nodes = chunk.GetReadOnlySpan<ResourceNode>();
            for (var i = 0; i < nodes.Length; i++)
            {
                var due = (nodes[i].Depleted && now >= nodes[i].RespawnAtTick) || (nodes[i].MoveAtTick != 0 && now >= nodes[i].MoveAtTick);
                if (due)
                {
                    Advance(context, chunk.Entities[i]);
                }
            }
        }
    }

    private static void Advance(GameContext context, Entity entity)
    {
        var world = context.World;
        ref var node = ref world.Get<ResourceNode>(entity);
        var now = context.Tick;
        if (node.Depleted && now >= node.RespawnAtTick)
        {
            node.Depleted = false;
            node.RespawnAtTick = 0;
        }

        if (node.MoveAtTick != 0 && now >= node.MoveAtTick)
        {
            var spawn = context.Options.ResourceSpawns[node.SpawnIndex];
            node.TileIndex = (node.TileIndex + 1) % spawn.Places;
            node.MoveAtTick = now + context.Resources[node.DefinitionId].MoveTicks;
            world.Set(entity, Position.At(spawn.TileAt(node.TileIndex)));
        }
    }
}
