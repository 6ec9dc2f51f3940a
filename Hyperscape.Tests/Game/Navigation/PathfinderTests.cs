using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Tests.Game.Navigation;

public class PathfinderTests
{
    [Test]
    public void An_open_straight_line_is_one_waypoint()
    {
        var finder = new Pathfinder(new TileMap(64, 64));
        var waypoints = new Tile[16];

        var result = finder.Find(new Tile(5, 5), new Tile(5, 20), waypoints);

        Assert.That(result, Is.EqualTo(new PathResult(PathOutcome.Found, 1, new Tile(5, 20), false)));
        Assert.That(waypoints[0], Is.EqualTo(new Tile(5, 20)));
    }

    [Test]
    public void A_path_goes_around_a_wall_and_every_step_is_legal()
    {
        var map = new TileMap(64, 64);
        map.BlockRectangle(new Tile(10, 0), new Tile(10, 30));
        var waypoints = new Tile[16];

        var result = new Pathfinder(map).Find(new Tile(5, 5), new Tile(15, 5), waypoints);

        Assert.That(result.Outcome, Is.EqualTo(PathOutcome.Found));
        var walked = Walk(map, new Tile(5, 5), waypoints.AsSpan(0, result.WaypointCount));
        Assert.That(walked[^1], Is.EqualTo(new Tile(15, 5)));
        // 27 steps to (10,31) just past the wall's end, one cardinal step east (the corner rule
        // forbids the diagonals past (10,30)), then 26 down: the fewest legal steps.
        Assert.That(walked.Count - 1, Is.EqualTo(54));
    }

    [Test]
    public void Diagonals_cannot_cut_a_corner()
    {
        var map = new TileMap(8, 8);
        map.SetBlocked(new Tile(3, 2));

        Assert.That(map.CanStep(new Tile(2, 2), 1, 1), Is.False, "the tile east is blocked");
        Assert.That(map.CanStep(new Tile(2, 1), 1, 1), Is.False, "the tile north-east of the start is the blocked one");
        Assert.That(map.CanStep(new Tile(2, 3), 1, 1), Is.True);
    }

    [Test]
    public void An_unreachable_goal_leads_to_the_closest_reachable_tile()
    {
        var map = new TileMap(64, 64);
        map.BlockRectangle(new Tile(20, 20), new Tile(24, 20));
        map.BlockRectangle(new Tile(20, 24), new Tile(24, 24));
        map.BlockRectangle(new Tile(20, 21), new Tile(20, 23));
        map.BlockRectangle(new Tile(24, 21), new Tile(24, 23));
        var waypoints = new Tile[16];

        var result = new Pathfinder(map).Find(new Tile(5, 22), new Tile(22, 22), waypoints);

        Assert.That(result.Outcome, Is.EqualTo(PathOutcome.Closest));
        Assert.That(result.End, Is.EqualTo(new Tile(19, 22)), "the tile just west of the walled room");
    }

    [Test]
    public void Goals_too_far_or_off_the_map_are_refused()
    {
        var finder = new Pathfinder(new TileMap(512, 512));
        var waypoints = new Tile[16];

        Assert.That(finder.Find(new Tile(0, 0), new Tile(201, 0), waypoints).Outcome, Is.EqualTo(PathOutcome.Refused));
        Assert.That(finder.Find(new Tile(0, 0), new Tile(200, 0), waypoints).Outcome, Is.EqualTo(PathOutcome.Found));
        Assert.That(finder.Find(new Tile(0, 0), new Tile(-1, 0), waypoints).Outcome, Is.EqualTo(PathOutcome.Refused));
    }

    [Test]
    public void A_winding_path_longer_than_the_buffer_is_truncated_and_resumable()
    {
        var map = new TileMap(64, 64);
        for (var x = 2; x < 60; x += 4)
        {
            // A serpentine: walls alternately open at the top and the bottom.
            var gapAtTop = (x / 4) % 2 == 0;
            map.BlockRectangle(new Tile(x, gapAtTop ? 0 : 2), new Tile(x, gapAtTop ? 60 : 62));
        }

        var finder = new Pathfinder(map);
        var waypoints = new Tile[4];
        var start = new Tile(0, 30);
        var goal = new Tile(62, 30);

        var first = finder.Find(start, goal, waypoints);
        Assert.That(first.Truncated, Is.True);
        Assert.That(first.WaypointCount, Is.EqualTo(4));

        var position = Walk(map, start, waypoints.AsSpan(0, 4))[^1];
        for (var leg = 0; leg < 50 && position != goal; leg++)
        {
            var next = finder.Find(position, goal, waypoints);
            position = Walk(map, position, waypoints.AsSpan(0, next.WaypointCount))[^1];
        }

        Assert.That(position, Is.EqualTo(goal));
    }

    [Test]
    public void Greedy_steps_prefer_the_diagonal_then_slide_along_walls()
    {
        var map = new TileMap(16, 16);
        Assert.That(map.GreedyStep(new Tile(5, 5), new Tile(8, 9)), Is.EqualTo(new Tile(6, 6)));

        map.SetBlocked(new Tile(6, 6));
        Assert.That(map.GreedyStep(new Tile(5, 5), new Tile(8, 9)), Is.EqualTo(new Tile(5, 6)), "z is the longer axis");
        Assert.That(map.GreedyStep(new Tile(5, 5), new Tile(5, 5)), Is.Null);
    }

    /// <summary>Walks the waypoints one tile at a time, failing on any illegal step.</summary>
    private static List<Tile> Walk(TileMap map, Tile start, ReadOnlySpan<Tile> waypoints)
    {
        var walked = new List<Tile> { start };
        var at = start;
        foreach (var waypoint in waypoints)
        {
            while (at != waypoint)
            {
                int dx = Math.Sign(waypoint.X - at.X), dz = Math.Sign(waypoint.Z - at.Z);
                Assert.That(map.CanStep(at, dx, dz), Is.True, $"illegal step from {at} by ({dx},{dz})");
                at = new Tile(at.X + dx, at.Z + dz);
                walked.Add(at);
            }
        }

        return walked;
    }
}
