using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Players on agility courses: one who has walked up to an obstacle starts across it; one whose
/// crossing ends lands on the far side with its XP (and the lap bonus after the last obstacle
/// of a whole lap), or falls: hurt, dropped at the obstacle's fail landing, no XP.
/// </summary>
internal sealed class AgilitySystem : IGameSystem
{
    private static readonly QueryDescription Runners = new QueryDescription().WithAll<Agility, Player>().WithNone<Dying>();
    private readonly Query _runners;
    private readonly List<Entity> _busy = [];

    /// <summary>Creates the system and resolves its query once.</summary>
    public AgilitySystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _runners = world.Query(Runners);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        foreach (var chunk in _runners.GetChunks())
        {
            var agility = chunk.GetReadOnlySpan<Agility>();
            for (var i = 0; i < agility.Length; i++)
            {
                if (!agility[i].Obstacle.IsNull)
                {
                    _busy.Add(chunk.Entities[i]);
                }
            }
        }

        foreach (var player in _busy)
        {
            Step(tick.Game, player);
        }

        _busy.Clear();
    }

    private static void Step(GameContext context, Entity player)
    {
        var world = context.World;
        ref var agility = ref world.Get<Agility>(player);
        if (!world.IsAlive(agility.Obstacle) || !world.TryGet<CourseObstacle>(agility.Obstacle, out var place))
        {
            agility.Obstacle = Entity.Null;
            agility.LandTick = 0;
            return;
        }

        var obstacle = context.Options.AgilityCourses[place.Course].Obstacles[place.Index];
        if (!agility.Crossing)
        {
            if (world.GetReadOnly<Movement>(player).IsMoving)
            {
                return;
            }

            if (world.GetReadOnly<Position>(player).Tile.DistanceTo(obstacle.At) > 1)
            {
                // The walk there ended short (blocked, or the player was pushed off it).
                agility.Obstacle = Entity.Null;
                return;
            }

            agility.LandTick = context.Tick + obstacle.Ticks;
            return;
        }

        if (context.Tick >= agility.LandTick)
        {
            Land(context, player, ref agility, place, obstacle);
        }
    }

    private static void Land(GameContext context, Entity player, ref Agility agility, CourseObstacle place, AgilityObstacle obstacle)
    {
        var world = context.World;
        var playerId = context.NetworkIdOf(player);
        var obstacleId = context.NetworkIdOf(agility.Obstacle);
        agility.Obstacle = Entity.Null;
        agility.LandTick = 0;
        ref var skills = ref world.Get<Skills>(player);
        var across = !obstacle.CanFail || context.Random.Next(256) < GatheringRules.SuccessRoll(obstacle.Low, obstacle.High, skills.Level(Skill.Agility));
        world.Get<Movement>(player).Stop();
        if (!across)
        {
            ref var health = ref world.Get<Health>(player);
            var damage = obstacle.Damage > 0 ? Math.Min(health.Current, 1 + context.Random.Next(obstacle.Damage)) : 0;
            health.Current -= damage;
            world.Set(player, Position.At(obstacle.FailLanding));
            context.Emit(new GameEvent(GameEventKind.Damage, playerId, 0, damage, health.Current));
            context.Emit(new GameEvent(GameEventKind.ObstacleCrossed, playerId, obstacleId, 0, damage));
            return;
        }

        world.Set(player, Position.At(obstacle.Landing));
        context.Emit(new GameEvent(GameEventKind.ObstacleCrossed, playerId, obstacleId, 1));
        context.GainXp(ref skills, playerId, Skill.Agility, obstacle.XpTenths);
        var course = context.Options.AgilityCourses[place.Course];
        if (agility.Course != place.Course + 1)
        {
            // A new course begins a new lap.
            agility.Course = place.Course + 1;
            agility.Crossed = 0;
        }

        agility.Crossed |= 1u << place.Index;
        if (place.Index == course.Obstacles.Length - 1)
        {
            if (agility.Crossed == course.FullLap)
            {
                context.GainXp(ref skills, playerId, Skill.Agility, course.LapXpTenths);
                context.Emit(new GameEvent(GameEventKind.LapCompleted, playerId, A: place.Course + 1, B: course.LapXpTenths));
            }

            agility.Crossed = 0;
        }
    }
}
