using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// The first phase: players queued to join enter the world, and players queued to leave are
/// captured (for the host to save), taken out of any trade, and removed.
/// </summary>
internal sealed class SessionSystem(SessionQueue sessions, World world) : IGameSystem
{
    private static readonly IReadOnlyDictionary<int, int> NoKills = new Dictionary<int, int>();
    private readonly Query _graves = world.Query(new QueryDescription().WithAll<Gravestone, NetworkIdentity>());

    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;

        // Only what was queued before the tick began: a flood of logins cannot stretch it.
        var joins = sessions.Joins.Count;
        while (joins-- > 0 && sessions.Joins.TryDequeue(out var join))
        {
            context.SpawnPlayer(join.State, join.NetworkId);
            RemindOfGravestones(context, join.State.CharacterId, join.NetworkId);
            foreach (var (npcType, count) in join.Kills ?? NoKills)
            {
                context.Kills.Load(join.State.CharacterId, npcType, count);
            }
        }

        var leaves = sessions.Leaves.Count;
        while (leaves-- > 0 && sessions.Leaves.TryDequeue(out var networkId))
        {
            if (!context.TryResolve(networkId, out var player) || !world.Has<Player>(player))
            {
                continue;
            }

            context.Trades.Abandon(networkId, RejectionReason.UnknownPlayer);
            var state = context.CaptureCharacter(player);
            sessions.Departed.Add(state);
            sessions.Online.TryRemove(state.CharacterId, out _);
            context.Emit(new GameEvent(GameEventKind.PlayerLeft, networkId, state.CharacterId));
            var handingOff = sessions.HandOffs.TryRemove(networkId, out var lifetime);
            var ghost = handingOff ? context.GhostOfPlayer(player) : default;
            context.Forget(player, networkId);

            // Off to another zone: the same entity stays on screen, read-only, until that zone's
            // ghost of the character replaces it.
            if (handingOff)
            {
                context.ShowGhost(ghost, context.Tick + lifetime, handingOff: true);
            }
        }
    }

    /// <summary>A player entering the world hears of each gravestone of its still standing, as when it was made.</summary>
    private void RemindOfGravestones(GameContext context, long characterId, long playerId)
    {
        foreach (var chunk in _graves.GetChunks())
        {
            var stones = chunk.GetReadOnlySpan<Gravestone>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < stones.Length; i++)
            {
                if (stones[i].OwnerCharacterId == characterId)
                {
                    context.Emit(new GameEvent(GameEventKind.GravestoneCreated, playerId, ids[i].Id, stones[i].StackCount, (int)Math.Max(0, stones[i].BreaksAtTick - context.Tick)));
                }
            }
        }
    }
}
