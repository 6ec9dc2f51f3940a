using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Brings things back and clears them away: players respawn at the spawn point when their death
/// animation ends, spawn points revive their NPC, old ground items despawn, and stale trades end.
/// </summary>
internal sealed class RespawnSystem : IGameSystem
{
    private static readonly QueryDescription DyingPlayers = new QueryDescription().WithAll<Player, Dying>();
    private static readonly QueryDescription Spawners = new QueryDescription().WithAll<NpcSpawn>();
    private static readonly QueryDescription GroundItems = new QueryDescription().WithAll<GroundItem>();
    private readonly List<Entity> _due = [];
    private readonly Query _dyingPlayers;
    private readonly Query _spawners;
    private readonly Query _groundItems;

    /// <summary>Creates the system and resolves its queries once.</summary>
    public RespawnSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _dyingPlayers = world.Query(DyingPlayers);
        _spawners = world.Query(Spawners);
        _groundItems = world.Query(GroundItems);
    }

    /// <inheritdoc />
    public void Update(TickContext ticking)
    {
        ArgumentNullException.ThrowIfNull(ticking);
        var context = ticking.Game;
        var tick = context.Tick;

        _due.Clear();
        foreach (var chunk in _dyingPlayers.GetChunks())
        {
            var dying = chunk.GetReadOnlySpan<Dying>();
            for (var i = 0; i < dying.Length; i++)
            {
                if (dying[i].RespawnAtTick <= tick)
                {
                    _due.Add(chunk.Entities[i]);
                }
            }
        }

        foreach (var player in _due)
        {
            Respawn(context, player);
        }

        _due.Clear();
        foreach (var chunk in _spawners.GetChunks())
        {
            var spawns = chunk.GetReadOnlySpan<NpcSpawn>();
            for (var i = 0; i < spawns.Length; i++)
            {
                if (spawns[i].Current.IsNull && spawns[i].RespawnAtTick <= tick)
                {
                    _due.Add(chunk.Entities[i]);
                }
            }
        }

        foreach (var spawner in _due)
        {
            context.SpawnNpc(spawner);
        }

        _due.Clear();
        foreach (var chunk in _groundItems.GetChunks())
        {
            var items = chunk.GetReadOnlySpan<GroundItem>();
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].DespawnAtTick != 0 && items[i].DespawnAtTick <= tick)
                {
                    _due.Add(chunk.Entities[i]);
                }
            }
        }

        foreach (var item in _due)
        {
            var transaction = context.NewTransactionId();
            var networkId = context.NetworkIdOf(item);
            context.RemoveGroundItem(item, takerId: 0, transaction);
            context.RecordItems(transaction, ItemTransactionKind.Despawn, [], [], [networkId]);
        }

        context.Trades.Maintain();
    }

    private static void Respawn(GameContext context, Entity player)
    {
        var world = context.World;
        context.Deaths.Release(world.GetReadOnly<Dying>(player).DeathId);
        world.Remove<Dying>(player);
        ref var health = ref world.Get<Health>(player);
        health.Current = health.Max;
        if (world.Has<PrayerState>(player))
        {
            world.Get<PrayerState>(player).Points = world.GetReadOnly<Skills>(player).Level(Skill.Prayer);
        }

        world.Set(player, Position.At(context.Options.PlayerSpawn));
        ref var combat = ref world.Get<CombatState>(player);
        combat = combat with { Target = Entity.Null, LastAttacker = Entity.Null, InCombatUntilTick = 0 };
        world.Get<Movement>(player).Stop();
        context.StopWork(player, Actions.RejectionReason.None, tell: false);
        context.CloseBank(context.NetworkIdOf(player));
        context.CloseShop(context.NetworkIdOf(player));
        context.Emit(new GameEvent(GameEventKind.Respawned, context.NetworkIdOf(player)));
    }
}
