using System.Runtime.InteropServices;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Turns 0 hitpoints into death. A dead player's carried and worn items go into a gravestone where it
/// fell, under a death lock that makes that happen once, then it waits out the death animation.
/// A dead NPC credits its killer, drops its loot and leaves its spawn point to bring it back.
/// </summary>
internal sealed class DeathSystem : IGameSystem
{
    private static readonly QueryDescription LivingPlayers = new QueryDescription().WithAll<Player, Health>().WithNone<Dying>();
    private static readonly QueryDescription Npcs = new QueryDescription().WithAll<Npc, Health>();
    private readonly List<Entity> _fallen = [];
    private readonly Query _livingPlayers;
    private readonly Query _npcs;

    /// <summary>Creates the system and resolves its queries once.</summary>
    public DeathSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _livingPlayers = world.Query(LivingPlayers);
        _npcs = world.Query(Npcs);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        CollectDead(_livingPlayers);
        foreach (var player in _fallen)
        {
            ResolvePlayerDeath(context, player, context.NewTransactionId());
        }

        CollectDead(_npcs);
        foreach (var npc in _fallen)
        {
            ResolveNpcDeath(context, npc);
        }
    }

    /// <summary>
    /// Kills a player under death id <paramref name="deathId"/>: claims the death lock first, then
    /// moves inventory and equipment into a gravestone only the player may loot until it breaks. A
    /// death id that was already claimed moves nothing and returns false, however often it is processed again.
    /// </summary>
    public static bool ResolvePlayerDeath(GameContext context, Entity player, long deathId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Deaths.TryClaim(deathId))
        {
            return false;
        }

        var world = context.World;
        var playerId = context.NetworkIdOf(player);
        ref var combat = ref world.Get<CombatState>(player);
        var killerId = world.IsAlive(combat.LastAttacker) ? context.NetworkIdOf(combat.LastAttacker) : 0;
        combat = combat with { Target = Entity.Null, LastAttacker = Entity.Null };
        world.Get<Movement>(player).Stop();
        world.Get<Health>(player).Current = 0;
        context.Trades.Abandon(playerId, RejectionReason.PlayerDead);
        context.Emit(new GameEvent(GameEventKind.Died, playerId, killerId, Transaction: deathId));

        var position = world.GetReadOnly<Position>(player);
        var inventory = world.GetReadOnly<Inventory>(player);
        var equipment = world.GetReadOnly<Equipment>(player);
        world.Set(player, default(Inventory));
        world.Set(player, default(Equipment));
        context.EquipmentChanged(player);
        ref var prayer = ref world.Get<PrayerState>(player);
        prayer = prayer with { Active = 0, DrainCounter = 0 };
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, playerId, Transaction: deathId));
        context.Emit(new GameEvent(GameEventKind.EquipmentChanged, playerId, Transaction: deathId));
        var grave = context.SpawnGravestone(player, deathId, inventory, equipment, deathId);
        var stacks = grave.IsNull ? 0 : world.GetReadOnly<Gravestone>(grave).StackCount;
        var death = new DeathRecord(deathId, world.GetReadOnly<Player>(player).CharacterId, position, stacks);
        context.RecordItems(deathId, ItemTransactionKind.Death, [player], [], [], death, gravestone: grave);

        if (!world.Has<Dying>(player))
        {
            world.Add(player, new Dying(deathId, context.Tick, context.Tick + context.Options.DeathAnimationTicks));
        }

        return true;
    }

    private static void ResolveNpcDeath(GameContext context, Entity npc)
    {
        var world = context.World;
        var identity = world.GetReadOnly<Npc>(npc);
        var npcId = context.NetworkIdOf(npc);
        var attacker = world.GetReadOnly<CombatState>(npc).LastAttacker;
        var transaction = context.NewTransactionId();
        var killerIsPlayer = world.IsAlive(attacker) && world.Has<Player>(attacker);
        var killerId = killerIsPlayer ? context.NetworkIdOf(attacker) : 0;

        // The death first: it is shown at once, while the kill count waits for its transaction to
        // be durable. Queued behind the held kill, the death would wait too, and by then the NPC
        // has despawned and the death is no longer anyone's to see.
        context.Emit(new GameEvent(GameEventKind.Died, npcId, killerId, Transaction: transaction));
        KillCount? kill = null;
        if (killerIsPlayer)
        {
            var killer = world.GetReadOnly<Player>(attacker);
            var count = context.Kills.Record(killer.CharacterId, identity.DefinitionId);
            kill = new KillCount(killer.CharacterId, identity.DefinitionId, count);
            context.Emit(new GameEvent(GameEventKind.NpcKilled, killerId, npcId, identity.DefinitionId, count, Transaction: transaction));
        }

        var tile = world.GetReadOnly<Position>(npc).Tile;
        var drops = context.Npcs[identity.DefinitionId].Drops;
        context.DropScratch.Clear();
        foreach (var entry in drops.Always)
        {
            DropLoot(context, entry, tile, killerId, transaction);
        }

        var roll = context.Random.Next(drops.TotalWeight) - drops.NothingWeight;
        foreach (var entry in drops.Weighted)
        {
            if (roll >= 0 && roll < entry.Weight)
            {
                DropLoot(context, entry, tile, killerId, transaction);
                break;
            }

            roll -= entry.Weight;
        }

        context.RecordItems(transaction, ItemTransactionKind.NpcLoot, [], CollectionsMarshal.AsSpan(context.DropScratch), [], kill: kill);
        if (world.IsAlive(identity.Spawner))
        {
            ref var spawn = ref world.Get<NpcSpawn>(identity.Spawner);
            spawn = spawn with { Current = Entity.Null, RespawnAtTick = context.Tick + NpcRules.RespawnTicks };
        }

        context.Forget(npc, npcId);
    }

    private static void DropLoot(GameContext context, DropEntry entry, Navigation.Tile tile, long ownerId, long transaction)
    {
        var quantity = context.Random.NextInclusive(entry.MinQuantity, entry.MaxQuantity);
        if (!context.Items.TryGet(entry.ItemId, out var item) || quantity <= 0)
        {
            return;
        }

        // A stack of a non-stackable item would break the one-per-slot rule; drop them one by one.
        var piles = item.Stackable ? 1 : quantity;
        var perPile = item.Stackable ? quantity : 1;
        for (var i = 0; i < piles; i++)
        {
            context.DropScratch.Add(context.SpawnGroundItem(new ItemStack(item.Id, perPile), tile, ownerId, transaction, ItemSource.NpcDrop));
        }
    }

    private void CollectDead(Query query)
    {
        _fallen.Clear();
        foreach (var chunk in query.GetChunks())
        {
            var healths = chunk.GetReadOnlySpan<Health>();
            for (var i = 0; i < healths.Length; i++)
            {
                if (healths[i].IsDead)
                {
                    _fallen.Add(chunk.Entities[i]);
                }
            }
        }
    }
}
