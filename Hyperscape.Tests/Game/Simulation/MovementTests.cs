using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Tests.Game.Simulation;

public class MovementTests
{
    [Test]
    public void Walking_covers_two_tiles_a_tick_and_running_four()
    {
        var harness = new SimulationHarness();
        var walker = harness.Join(new Tile(5, 5));
        var runner = harness.Join(new Tile(5, 10), s => s with { Running = true });

        harness.Act(PlayerAction.Move(walker, 25, 5));
        harness.Act(PlayerAction.Move(runner, 25, 10));
        harness.Step();

        Assert.That(harness.TileOf(walker), Is.EqualTo(new Tile(7, 5)));
        Assert.That(harness.TileOf(runner), Is.EqualTo(new Tile(9, 10)));
        harness.Step(4);
        Assert.That(harness.TileOf(walker), Is.EqualTo(new Tile(15, 5)));
        Assert.That(harness.TileOf(runner), Is.EqualTo(new Tile(25, 10)), "arrived and stopped");
        Assert.That(harness.Get<Movement>(runner).IsMoving, Is.False);
    }

    [Test]
    public void Toggling_run_mid_walk_changes_the_pace()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(5, 5));
        harness.Act(PlayerAction.Move(player, 40, 5));
        harness.Step();
        harness.Act(PlayerAction.SetRun(player, true));
        harness.Step();

        Assert.That(harness.TileOf(player), Is.EqualTo(new Tile(11, 5)));
    }

    [Test]
    public void A_walk_around_a_wall_arrives_without_crossing_it()
    {
        var harness = new SimulationHarness(walls: map => map.BlockRectangle(new Tile(10, 0), new Tile(10, 30)));
        var player = harness.Join(new Tile(5, 5), s => s with { Running = true });

        Assert.That(harness.Do(PlayerAction.Move(player, 15, 5)), Is.EqualTo(RejectionReason.None));
        for (var tick = 0; tick < 20; tick++)
        {
            Assert.That(harness.TileOf(player).X == 10, Is.False, "never on the wall");
            harness.Step();
        }

        Assert.That(harness.TileOf(player), Is.EqualTo(new Tile(15, 5)));
    }

    [Test]
    public void Movement_faces_the_direction_of_travel()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(5, 5));

        harness.Do(PlayerAction.Move(player, 20, 5));

        Assert.That(harness.Get<Rotation>(player).Yaw, Is.EqualTo(MathF.PI / 2).Within(1e-5), "east");
    }

    [TestCase(float.NaN, 5f)]
    [TestCase(5f, float.PositiveInfinity)]
    [TestCase(float.NegativeInfinity, 5f)]
    [TestCase(-1f, 5f)]
    [TestCase(5f, 64f)]
    [TestCase(1e30f, 1e30f)]
    [TestCase(7.5f, 5f)]
    [TestCase(7f, 4.999f)]
    public void Bad_coordinates_are_refused(float x, float z)
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(5, 5));

        Assert.That(harness.Do(PlayerAction.Move(player, x, z)), Is.EqualTo(RejectionReason.InvalidCoordinates));
        Assert.That(harness.TileOf(player), Is.EqualTo(new Tile(5, 5)));
    }

    [Test]
    public void Targets_beyond_200_tiles_are_refused()
    {
        var harness = new SimulationHarness(size: 400);
        var player = harness.Join(new Tile(5, 5));

        Assert.That(harness.Do(PlayerAction.Move(player, 206, 5)), Is.EqualTo(RejectionReason.TargetTooFar));
        Assert.That(harness.Do(PlayerAction.Move(player, 205, 5)), Is.EqualTo(RejectionReason.None));
    }

    [Test]
    public void A_boxed_in_player_is_told_the_goal_is_unreachable()
    {
        var harness = new SimulationHarness(walls: map =>
        {
            map.BlockRectangle(new Tile(4, 4), new Tile(6, 4));
            map.BlockRectangle(new Tile(4, 6), new Tile(6, 6));
            map.SetBlocked(new Tile(4, 5));
            map.SetBlocked(new Tile(6, 5));
        });
        var player = harness.Join(new Tile(5, 5));

        Assert.That(harness.Do(PlayerAction.Move(player, 30, 30)), Is.EqualTo(RejectionReason.Unreachable));
    }
}
