using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Gravestones whose protection is over break open: their items lie on the ground where the player
/// fell, for anyone, for <see cref="SimulationOptions.BrokenGravestoneDespawnTicks"/>. Each break is
/// one item transaction (the grave goes, the ground items come), so storage never holds both or neither.
/// </summary>
internal sealed class GravestoneSystem : IGameSystem
{
    private static readonly QueryDescription Gravestones = new QueryDescription().WithAll<Gravestone, NetworkIdentity>();
    private readonly Query _graves;
    private readonly SessionQueue _sessions;
    private readonly List<(Entity Grave, long Id)> _due = [];
    private readonly List<Entity> _spilled = [];

    /// <summary>Creates the system and resolves its query once.</summary>
    public GravestoneSystem(World world, SessionQueue sessions)
    {
        ArgumentNullException.ThrowIfNull(world);
        _graves = world.Query(Gravestones);
        _sessions = sessions;
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        _due.Clear();
        foreach (var chunk in _graves.GetChunks())
        {
            var graves = chunk.GetReadOnlySpan<Gravestone>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < graves.Length; i++)
            {
                if (graves[i].BreaksAtTick <= context.Tick)
                {
                    _due.Add((chunk.Entities[i], ids[i].Id));
                }
            }
        }

        foreach (var (grave, id) in _due)
        {
            Break(context, grave, id);
        }
    }

    private void Break(GameContext context, Entity grave, long id)
    {
        var world = context.World;
        var stone = world.GetReadOnly<Gravestone>(grave);
        var tile = world.GetReadOnly<Position>(grave).Tile;
        var transaction = context.NewTransactionId();
        var owner = _sessions.Online.TryGetValue(stone.OwnerCharacterId, out var ownerId) && context.TryResolve(ownerId, out var ownerEntity) && world.Has<Player>(ownerEntity)
            ? ownerId
            : 0;
        context.Emit(new GameEvent(GameEventKind.GravestoneBroken, owner, id, stone.StackCount, Transaction: transaction));
        context.Forget(grave, id);
        _spilled.Clear();
        foreach (var stack in stone.Slots)
        {
            if (!stack.IsEmpty)
            {
                _spilled.Add(context.SpawnGroundItem(stack, tile, 0, transaction, source: null, despawnTicks: context.Options.BrokenGravestoneDespawnTicks));
            }
        }

        context.RecordItems(transaction, ItemTransactionKind.GravestoneBroken, [], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_spilled), [], gravestoneRemoved: id);
    }

}
