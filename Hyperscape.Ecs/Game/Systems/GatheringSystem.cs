using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Players working resource nodes: once beside the node, a roll every few ticks at the OSRS
/// odds of their level and best tool; a success puts the product in the inventory (an item
/// transaction), gives XP, uses up any bait, and may deplete the node. Gathering stops, with a
/// reason, when the node runs out, the player cannot reach it, the inventory is full, or the
/// tool, level or bait is gone.
/// </summary>
internal sealed class GatheringSystem : IGameSystem
{
    private static readonly QueryDescription Gatherers = new QueryDescription().WithAll<Gathering, Player>().WithNone<Dying>();
    private readonly Query _gatherers;

    /// <summary>Creates the system and resolves its query once.</summary>
    public GatheringSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _gatherers = world.Query(Gatherers);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var chunk in _gatherers.GetChunks())
        {
            var gatherings = chunk.GetReadOnlySpan<Gathering>();
            var entities = chunk.Entities;
            for (var i = 0; i < gatherings.Length; i++)
            {
                if (gatherings[i].Active)
                {
                    Work(context, entities[i]);
                }
            }
        }
    }

    private static void Work(GameContext context, Entity player)
    {
        var world = context.World;
        ref var gathering = ref world.Get<Gathering>(player);
        var node = gathering.Node;
        // Read-only until something changes: a write marks the chunk changed for the sync.
        var state = world.GetReadOnly<ResourceNode>(node);
        if (state.Depleted)
        {
            context.StopWork(player, RejectionReason.None);
            return;
        }

        if (world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(node).Tile) > 1)
        {
            // Still walking there; arrived somewhere else means the way is blocked.
            if (!world.GetReadOnly<Movement>(player).IsMoving)
            {
                context.StopWork(player, RejectionReason.Unreachable);
            }

            return;
        }

        if (context.Tick < gathering.NextRollTick)
        {
            return;
        }

        var definition = context.Resources[state.DefinitionId];
        gathering.NextRollTick = context.Tick + definition.RollTicks;
        var level = world.GetReadOnly<Skills>(player).Level(definition.Skill);
        var check = GatheringRules.Check(definition, world.GetReadOnly<Inventory>(player), world.GetReadOnly<Equipment>(player), world.GetReadOnly<Skills>(player), context.Items, out var tool);
        if (check != RejectionReason.None)
        {
            context.StopWork(player, check);
            return;
        }

        if (!GatheringRules.Roll(context.Random, tool, level))
        {
            return;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        ref var skills = ref world.Get<Skills>(player);

        var playerId = context.NetworkIdOf(player);
        var nodeId = context.NetworkIdOf(node);
        var transaction = context.NewTransactionId();
        if (definition.ConsumesItemId != 0)
        {
            InventoryRules.TryTake(ref inventory, InventoryRules.FindStack(inventory, definition.ConsumesItemId), 1, out _);
            context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, playerId, A: definition.ConsumesItemId, B: 1, C: (int)ItemSink.Consumed, Transaction: transaction));
        }

        InventoryRules.TryAdd(ref inventory, context.Items[definition.ProductId], 1);
        context.Emit(new GameEvent(GameEventKind.ItemsCreated, playerId, A: definition.ProductId, B: 1, C: (int)ItemSource.Gathered, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: transaction));
        context.Emit(new GameEvent(GameEventKind.Gathered, playerId, nodeId, definition.ProductId, 1, (int)definition.Skill, Transaction: transaction));
        context.GainXp(ref skills, playerId, definition.Skill, definition.XpTenths);
        context.RecordItems(transaction, ItemTransactionKind.Gather, [player], [], []);

        if (definition.DepleteOneIn > 0 && context.Random.Next(definition.DepleteOneIn) == 0)
        {
            ref var depleted = ref world.Get<ResourceNode>(node);
            depleted.Depleted = true;
            depleted.RespawnAtTick = context.Tick + definition.RespawnTicks;
            context.Emit(new GameEvent(GameEventKind.ResourceDepleted, nodeId, A: definition.Id));
            context.StopWork(player, RejectionReason.None);
        }
    }
}
