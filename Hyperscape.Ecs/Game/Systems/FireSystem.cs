using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>Fires burn out when their time is up, leaving ashes where they burnt.</summary>
internal sealed class FireSystem : IGameSystem
{
    private static readonly QueryDescription Fires = new QueryDescription().WithAll<Burning, NetworkIdentity>();
    private readonly Query _fires;
    private readonly List<(Entity Fire, long Id)> _out = [];

    /// <summary>Creates the system and resolves its query once.</summary>
    public FireSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _fires = world.Query(Fires);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var chunk in _fires.GetChunks())
        {
            var burning = chunk.GetReadOnlySpan<Burning>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < burning.Length; i++)
            {
                if (context.Tick >= burning[i].OutAtTick)
                {
                    _out.Add((chunk.Entities[i], ids[i].Id));
                }
            }
        }

        // Destroyed after the walk: the chunks are not changed under the query.
        foreach (var (fire, id) in _out)
        {
            var ashes = context.World.GetReadOnly<Burning>(fire).AshesId;
            var tile = context.World.GetReadOnly<Position>(fire).Tile;
            context.Forget(fire, id);
            if (ashes != 0)
            {
                var transaction = context.NewTransactionId();
                var left = context.SpawnGroundItem(new ItemStack(ashes, 1), tile, 0, transaction, ItemSource.Ashes);
                context.RecordItems(transaction, ItemTransactionKind.Make, [], [left], []);
            }
        }

        _out.Clear();
    }
}
