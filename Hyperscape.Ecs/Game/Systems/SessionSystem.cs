using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// The first phase: players queued to join enter the world, and players queued to leave are
/// captured (for the host to save), taken out of any trade, and removed.
/// </summary>
internal sealed class SessionSystem(SessionQueue sessions) : IGameSystem
{
    private static readonly IReadOnlyDictionary<int, int> NoKills = new Dictionary<int, int>();

    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        var world = context.World;

        // Only what was queued before the tick began: a flood of logins cannot stretch it.
        var joins = sessions.Joins.Count;
        while (joins-- > 0 && sessions.Joins.TryDequeue(out var join))
        {
            context.SpawnPlayer(join.State, join.NetworkId);
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
            context.Forget(player, networkId);
        }
    }
}
