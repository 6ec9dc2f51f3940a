using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Moves players two tiles a tick walking, four running: along their path's turning points, or
/// chasing a target into melee reach one greedy step at a time. Only entities that actually move
/// get their Position column stamped, so the sync system skips still chunks.
/// </summary>
internal sealed class MovementSystem : IGameSystem
{
    /// <summary>Tiles per tick walking.</summary>
    public const int WalkSteps = 2;

    /// <summary>Tiles per tick running.</summary>
    public const int RunSteps = 4;

    private static readonly QueryDescription Walkers =
        new QueryDescription().WithAll<Position, Rotation, Movement>().WithNone<Dying>();

    private readonly Tile[] _waypoints = new Tile[Movement.MaxWaypoints];
    private readonly Query _walkers;

    /// <summary>Creates the system and resolves its query once.</summary>
    public MovementSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _walkers = world.Query(Walkers);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var chunk in _walkers.GetChunks())
        {
            var movements = chunk.GetReadOnlySpan<Movement>();
            var moving = false;
            for (var i = 0; i < movements.Length && !moving; i++)
            {
                moving = movements[i].IsMoving;
            }

            if (!moving)
            {
                continue;
            }

            var positions = chunk.GetSpan<Position>();
            var rotations = chunk.GetSpan<Rotation>();
            var writableMovements = chunk.GetSpan<Movement>();
            for (var i = 0; i < writableMovements.Length; i++)
            {
                ref var movement = ref writableMovements[i];
                if (movement.IsMoving)
                {
                    Advance(context, ref movement, ref positions[i], ref rotations[i]);
                }
            }
        }
    }

    private void Advance(GameContext context, ref Movement movement, ref Position position, ref Rotation rotation)
    {
        var steps = movement.Running ? RunSteps : WalkSteps;
        var tile = position.Tile;
        var start = tile;
        for (var step = 0; step < steps; step++)
        {
            Tile? next = movement.Follow.IsNull ? NextOnPath(context, ref movement, tile) : NextInChase(context, ref movement, tile);
            if (next is not { } to)
            {
                break;
            }

            tile = to;
        }

        // Arriving on the last step of the tick ends the walk now, not on the next tick.
        if (movement.HasDestination && tile == movement.Destination)
        {
            movement.HasDestination = false;
            movement.Count = 0;
            movement.Next = 0;
        }

        if (tile != start)
        {
            rotation = new Rotation(MathF.Atan2(tile.X - start.X, tile.Z - start.Z));
            position = new Position(tile.X, position.Y, tile.Z);
        }
    }

    private Tile? NextOnPath(GameContext context, ref Movement movement, Tile tile)
    {
        if (!movement.HasDestination)
        {
            return null;
        }

        while (movement.Next < movement.Count && movement.Waypoints[movement.Next] == tile)
        {
            movement.Next++;
        }

        if (movement.Next >= movement.Count)
        {
            // A path longer than the waypoint buffer is walked in pieces.
            if (tile != movement.Destination && Repath(context, ref movement, tile))
            {
                return NextOnPath(context, ref movement, tile);
            }

            movement.HasDestination = false;
            return null;
        }

        var waypoint = movement.Waypoints[movement.Next];
        int dx = Math.Sign(waypoint.X - tile.X), dz = Math.Sign(waypoint.Z - tile.Z);
        if (!context.Map.CanStep(tile, dx, dz))
        {
            movement.Stop();
            return null;
        }

        return new Tile(tile.X + dx, tile.Z + dz);
    }

    private bool Repath(GameContext context, ref Movement movement, Tile tile)
    {
        var path = context.Pathfinder.Find(tile, movement.Destination, _waypoints);
        if (path.Outcome == PathOutcome.Refused || path.WaypointCount == 0)
        {
            return false;
        }

        _waypoints.AsSpan(0, path.WaypointCount).CopyTo(movement.Waypoints);
        movement.Count = (byte)path.WaypointCount;
        movement.Next = 0;
        movement.Destination = path.End;
        return true;
    }

    private static Tile? NextInChase(GameContext context, ref Movement movement, Tile tile)
    {
        var world = context.World;
        if (!world.IsAlive(movement.Follow))
        {
            movement.Follow = Entity.Null;
            return null;
        }

        var target = world.GetReadOnly<Position>(movement.Follow).Tile;
        if (tile.IsCardinallyAdjacentTo(target))
        {
            return null;
        }

        return context.Map.GreedyStep(tile, ClosestCardinalNeighbour(tile, target));
    }

    /// <summary>The tile beside <paramref name="target"/> (north, east, south or west) nearest to <paramref name="from"/>.</summary>
    public static Tile ClosestCardinalNeighbour(Tile from, Tile target)
    {
        Span<Tile> sides = [new(target.X, target.Z + 1), new(target.X + 1, target.Z), new(target.X, target.Z - 1), new(target.X - 1, target.Z)];
        var best = sides[0];
        var bestDistance = int.MaxValue;
        foreach (var side in sides)
        {
            var distance = Math.Abs(side.X - from.X) + Math.Abs(side.Z - from.Z);
            if (distance < bestDistance)
            {
                best = side;
                bestDistance = distance;
            }
        }

        return best;
    }
}
