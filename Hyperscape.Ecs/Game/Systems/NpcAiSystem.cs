using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// NPC behaviour: aggressive NPCs pick the nearest eligible player within 4 tiles (players above
/// twice their level are ignored); NPCs with a target chase it one greedy step a tick and give up
/// past the 42-tile leash; idle NPCs wander near home. Players are bucketed in a spatial grid
/// first so the aggro search only looks at nearby cells.
/// </summary>
internal sealed class NpcAiSystem : IGameSystem
{
    private static readonly QueryDescription LivingPlayers = new QueryDescription().WithAll<Player, Position>().WithNone<Dying>();
    private static readonly QueryDescription Npcs = new QueryDescription().WithAll<Npc, Position, Rotation, CombatState>();
    private static readonly sbyte[] WanderX = [0, 1, 0, -1];
    private static readonly sbyte[] WanderZ = [1, 0, -1, 0];
    private readonly Query _livingPlayers;
    private readonly Query _npcs;

    /// <summary>Creates the system and resolves its queries once.</summary>
    public NpcAiSystem(World world)
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
        IndexPlayers(context);
        foreach (var chunk in _npcs.GetChunks())
        {
            var entities = chunk.Entities;
            var npcs = chunk.GetReadOnlySpan<Npc>();
            var combats = chunk.GetSpan<CombatState>();
            var positions = chunk.GetReadOnlySpan<Position>();

            // Writable spans stamp the chunk as changed; take them only once someone steps.
            Span<Position> moved = default;
            Span<Rotation> turned = default;
            for (var i = 0; i < entities.Length; i++)
            {
                var from = positions[i].Tile;
                if (Think(context, npcs[i], ref combats[i], from) is not { } to)
                {
                    continue;
                }

                if (moved.IsEmpty)
                {
                    moved = chunk.GetSpan<Position>();
                    turned = chunk.GetSpan<Rotation>();
                }

                turned[i] = new Rotation(MathF.Atan2(to.X - from.X, to.Z - from.Z));
                moved[i] = new Position(to.X, moved[i].Y, to.Z);
            }
        }
    }

    private void IndexPlayers(GameContext context)
    {
        var grid = context.Players;
        grid.Clear();
        foreach (var chunk in _livingPlayers.GetChunks())
        {
            var entities = chunk.Entities;
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < entities.Length; i++)
            {
                grid.Add(entities[i], positions[i].Tile);
            }
        }

        grid.Build();
    }

    /// <summary>Decides this tick's target and step; returns the tile to step to, if any.</summary>
    private static Tile? Think(GameContext context, in Npc npc, ref CombatState combat, Tile here)
    {
        var world = context.World;
        var definition = context.Npcs[npc.DefinitionId];
        if (!combat.Target.IsNull)
        {
            var target = combat.Target;
            if (!world.IsAlive(target) || world.Has<Dying>(target))
            {
                combat.Target = Entity.Null;
                return null;
            }

            var there = world.GetReadOnly<Position>(target).Tile;
            if (npc.Home.DistanceTo(there) > NpcRules.LeashRange || npc.Home.DistanceTo(here) > NpcRules.LeashRange)
            {
                combat.Target = Entity.Null;
                return context.Map.GreedyStep(here, npc.Home);
            }

            // A shooter or caster stands once the target is in its reach and sight.
            if (definition.AttacksFromAfar && here.DistanceTo(there) is > 0 and var distance && distance <= definition.AttackRange
                && LineOfSight.Clear(context.Map, here, there))
            {
                return null;
            }

            return here.IsCardinallyAdjacentTo(there)
                ? null
                : context.Map.GreedyStep(here, MovementSystem.ClosestCardinalNeighbour(here, there));
        }

        if (definition.Aggressive)
        {
            var search = new NearestPlayerVisitor
            {
                World = world,
                From = here,
                NpcLevel = definition.CombatLevel,
                BestDistance = int.MaxValue,
            };
            context.Players.VisitRange(here, NpcRules.AggroRange, ref search);
            if (!search.Best.IsNull)
            {
                combat.Target = search.Best;
                combat.NextAttackTick = Math.Max(combat.NextAttackTick, context.Tick + 1);
                return null;
            }
        }

        if (combat.InCombat(context.Tick))
        {
            return null;
        }

        if (here.DistanceTo(npc.Home) > NpcRules.WanderRange)
        {
            return context.Map.GreedyStep(here, npc.Home);
        }

        if (context.Random.Next(NpcRules.WanderChance) != 0)
        {
            return null;
        }

        var direction = context.Random.Next(4);
        var next = new Tile(here.X + WanderX[direction], here.Z + WanderZ[direction]);
        return next.DistanceTo(npc.Home) <= NpcRules.WanderRange && context.Map.CanStep(here, WanderX[direction], WanderZ[direction])
            ? next
            : null;
    }
}
