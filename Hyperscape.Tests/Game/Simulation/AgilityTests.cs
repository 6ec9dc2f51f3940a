using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class AgilityTests
{
    // Three obstacles in a row; the middle one can be failed (a 1-in-256 roll to get across at every level when Risky).
    private static AgilityCourse Course(bool risky) => new("test_course", "Test course", 390,
    [
        new AgilityObstacle("Log", new Tile(12, 10), new Tile(14, 10), 1, 75) { Ticks = 3 },
        new AgilityObstacle("Rope", new Tile(16, 10), new Tile(18, 10), 1, 75) { Ticks = 2, Low = risky ? 0 : 256, High = risky ? 0 : 256, Damage = 3, FailLanding = new Tile(16, 12) },
        new AgilityObstacle("Wall", new Tile(20, 10), new Tile(22, 10), 10, 100) { Ticks = 2 },
    ]);

    private SimulationHarness _harness = null!;

    private void World(bool risky) => _harness = new SimulationHarness(courses: [Course(risky)]);

    private long Runner(Tile at, int level) => _harness.Join(at, s =>
    {
        var skills = Skills.Starting();
        skills.AddXp(Skill.Agility, XpTable.XpForLevel(level) * 10);
        return s with { Skills = skills };
    });

    private long Xp(long player) => _harness.Get<Skills>(player).XpTenths(Skill.Agility);

    [Test]
    public void A_lap_in_order_gives_each_obstacles_xp_and_the_lap_bonus()
    {
        World(risky: false);
        var player = Runner(new Tile(5, 10), 10);
        var start = Xp(player);
        Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(new Tile(12, 10)))), Is.EqualTo(RejectionReason.None), "walks up to the log first");
        _harness.Step(12);
        Assert.That(_harness.TileOf(player), Is.EqualTo(new Tile(14, 10)), "over the log");
        foreach (var obstacle in new[] { new Tile(16, 10), new Tile(20, 10) })
        {
            Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(obstacle))), Is.EqualTo(RejectionReason.None));
            _harness.Step(6);
        }

        Assert.That(_harness.TileOf(player), Is.EqualTo(new Tile(22, 10)));
        Assert.That(_harness.Events(GameEventKind.ObstacleCrossed).Select(e => e.A), Is.EqualTo(new[] { 1, 1, 1 }));
        var lap = _harness.Events(GameEventKind.LapCompleted).Single();
        Assert.That((lap.A, lap.B), Is.EqualTo((1, 390)));
        Assert.That(Xp(player) - start, Is.EqualTo(75 + 75 + 100 + 390), "7.5 + 7.5 + 10 and the 39 lap bonus");
    }

    [Test]
    public void Skipping_an_obstacle_earns_no_lap_bonus_and_levels_are_checked()
    {
        World(risky: false);
        var novice = Runner(new Tile(19, 10), 1);
        Assert.That(_harness.Do(PlayerAction.Interact(novice, _harness.NodeAt(new Tile(20, 10)))), Is.EqualTo(RejectionReason.LevelTooLow), "the wall is level 10");
        var player = Runner(new Tile(15, 10), 10);
        Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(new Tile(16, 10)))), Is.EqualTo(RejectionReason.None));
        _harness.Step(4);
        Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(new Tile(20, 10)))), Is.EqualTo(RejectionReason.None));
        _harness.Step(6);
        Assert.That(_harness.Events(GameEventKind.ObstacleCrossed), Has.Count.EqualTo(2));
        Assert.That(_harness.Events(GameEventKind.LapCompleted), Is.Empty, "the log was skipped");
    }

    [Test]
    public void A_crossing_cannot_be_interrupted_and_a_fall_hurts_and_drops_the_player_below()
    {
        World(risky: true);
        var player = Runner(new Tile(15, 10), 1);
        var start = Xp(player);
        Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(new Tile(16, 10)))), Is.EqualTo(RejectionReason.None));
        _harness.Step();
        Assert.That(_harness.Get<Agility>(player).Crossing, Is.True);
        Assert.That(_harness.Do(PlayerAction.Move(player, 5, 5)), Is.EqualTo(RejectionReason.Busy), "halfway over a rope");
        Assert.That(_harness.Do(PlayerAction.SetRun(player, true)), Is.EqualTo(RejectionReason.None), "settings still change");
        _harness.Step(3);

        var crossed = _harness.Events(GameEventKind.ObstacleCrossed).Single();
        Assert.That(crossed.A, Is.Zero, "a 1-in-256 roll failed");
        Assert.That(crossed.B, Is.InRange(1, 3), "1 to 3 damage");
        Assert.That(_harness.Get<Health>(player).Current, Is.EqualTo(10 - crossed.B));
        Assert.That(_harness.TileOf(player), Is.EqualTo(new Tile(16, 12)), "dropped at the fail landing");
        Assert.That(Xp(player), Is.EqualTo(start), "no XP for a fall");
        Assert.That(_harness.Do(PlayerAction.Move(player, 5, 5)), Is.EqualTo(RejectionReason.None), "free again");
    }

    [Test]
    public void The_default_world_has_a_course_a_new_player_can_run()
    {
        var world = Ecs.Game.SimulationOptions.CreateDefault(seed: 1);
        var course = world.AgilityCourses.Single();
        Assert.That(course.Obstacles.Select(o => o.Level), Has.All.EqualTo(1));
        Assert.That(course.Obstacles.Sum(o => o.XpTenths) + course.LapXpTenths, Is.EqualTo(300 + 390), "four obstacles of 7.5 and the gnome course's 39 lap bonus");
        foreach (var obstacle in course.Obstacles)
        {
            Assert.That(world.Map.IsWalkable(obstacle.Landing), Is.True, obstacle.Name);
            Assert.That(new Pathfinder(world.Map).Find(world.PlayerSpawn, obstacle.Landing, new Tile[16]).Outcome, Is.EqualTo(PathOutcome.Found), $"{obstacle.Name}: reachable from the spawn");
        }
    }
}
