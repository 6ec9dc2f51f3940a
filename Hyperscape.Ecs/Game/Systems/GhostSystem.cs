using System.Buffers;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// After sessions: ghosts that neighbouring zones sent since the last tick are shown or refreshed,
/// a ghost of a character who is now really here goes, and ghosts not refreshed in time go.
/// </summary>
internal sealed class GhostSystem(SessionQueue sessions, World world) : IGameSystem
{
    private readonly Query _ghosts = world.Query(new QueryDescription().WithAll<Ghost, NetworkIdentity>());
    private readonly List<Entity> _gone = [];

    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        var batches = sessions.Ghosts.Count;
        while (batches-- > 0 && sessions.Ghosts.TryDequeue(out var batch))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                ref readonly var ghost = ref batch.Batch[i];
                if (ghost.CharacterId == 0 || !sessions.Online.ContainsKey(ghost.CharacterId))
                {
                    context.ShowGhost(ghost, context.Tick + batch.Lifetime, handingOff: false);
                }
            }

            ArrayPool<GhostState>.Shared.Return(batch.Batch);
        }

        foreach (var chunk in _ghosts.GetChunks())
        {
            var ghosts = chunk.GetReadOnlySpan<Ghost>();
            var entities = chunk.Entities;
            for (var i = 0; i < ghosts.Length; i++)
            {
                if (ghosts[i].ExpiresAtTick <= context.Tick || (ghosts[i].CharacterId != 0 && sessions.Online.ContainsKey(ghosts[i].CharacterId)))
                {
                    _gone.Add(entities[i]);
                }
            }
        }

        foreach (var entity in _gone)
        {
            context.RemoveGhost(entity);
        }

        _gone.Clear();
    }
}
