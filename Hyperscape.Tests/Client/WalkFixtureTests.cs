using System.Text.Json;
using System.Text.Json.Serialization;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Tests.Game.Simulation;

namespace Hyperscape.Tests.Client;

/// <summary>
/// The browser client predicts its player's walk by running the server's pathfinder and walk
/// itself. This records what the real simulation does, tick by tick, for walks around walls and
/// through a maze (paths long enough to be found again in pieces), into the fixture the client's
/// own tests replay: both sides are checked against the same file, so neither can drift alone.
/// </summary>
public sealed class WalkFixtureTests
{
    private const int Size = 64;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    [Test]
    public void TheClientsWalkFixtureIsWhatTheServerWalks()
    {
        var recorded = Record();
        var path = RepositoryRoot.Combine("Hyperscape.Client", "test", "fixtures", "walks.json");
        var text = JsonSerializer.Serialize(recorded, Json) + "\n";
        if (Environment.GetEnvironmentVariable("HYPERSCAPE_WRITE_FIXTURES") == "1")
        {
            File.WriteAllText(path, text);
        }

        Assert.That(File.Exists(path), Is.True, $"{path} is missing: run this test with HYPERSCAPE_WRITE_FIXTURES=1 to write it");
        Assert.That(File.ReadAllText(path), Is.EqualTo(text),
            "the server walks differently from the client's fixture: if the change is meant, rewrite it with HYPERSCAPE_WRITE_FIXTURES=1 and make the client's pathfinder and walk match");
        Assert.That(recorded.Walks.Count(w => w.Ticks.Count > 12), Is.GreaterThan(5), "some walks are long enough to be found again in pieces");
        Assert.That(recorded.Walks.Count(w => w.Ticks.Count == 0), Is.GreaterThan(0), "some walks are refused");
    }

    private static WalkFixture Record()
    {
        var random = new Random(20261202);
        var blocked = new List<int[]>();
        void Block(TileMap map, int x, int z)
        {
            if (map.IsWalkable(new Tile(x, z)))
            {
                map.SetBlocked(new Tile(x, z));
                blocked.Add([x, z]);
            }
        }

        var harness = new SimulationHarness(Size, walls: map =>
        {
            // A serpentine in the west half: a walk through it turns far more often than the
            // 16 waypoints a Move keeps.
            for (var x = 4; x < 30; x += 4)
            {
                var gapAtTop = (x / 4) % 2 == 0;
                for (var z = 2; z < 60; z++)
                {
                    if (gapAtTop ? z < 57 : z > 4)
                    {
                        Block(map, x, z);
                    }
                }
            }

            // Scattered walls and pillars in the east half: corners to not cut.
            for (var i = 0; i < 70; i++)
            {
                int x = random.Next(34, Size - 1), z = random.Next(1, Size - 1);
                var horizontal = random.Next(2) == 0;
                for (var k = 0; k < random.Next(1, 6); k++)
                {
                    Block(map, Math.Min(Size - 1, horizontal ? x + k : x), Math.Min(Size - 1, horizontal ? z : z + k));
                }
            }

            // A walled-in pocket: every walk out of it is refused (Unreachable).
            for (var x = 59; x <= 61; x++)
            {
                for (var z = 59; z <= 61; z++)
                {
                    if (x == 60 && z == 60)
                    {
                        if (!map.IsWalkable(new Tile(x, z)))
                        {
                            map.SetBlocked(new Tile(x, z), false);
                            blocked.RemoveAll(b => b[0] == x && b[1] == z);
                        }
                    }
                    else
                    {
                        Block(map, x, z);
                    }
                }
            }
        });

        var walks = new List<RecordedWalk>();
        var map = harness.Sim.Context.Map;
        Tile RandomWalkable(int minX, int maxX)
        {
            while (true)
            {
                var tile = new Tile(random.Next(minX, maxX), random.Next(0, Size));
                if (map.IsWalkable(tile))
                {
                    return tile;
                }
            }
        }

        for (var i = 0; i < 48; i++)
        {
            var maze = i % 3 == 0;
            var start = i % 16 == 5 ? new Tile(60, 60) : maze ? RandomWalkable(0, 4) : RandomWalkable(32, Size);
            var goal = maze ? RandomWalkable(28, 33) : i % 7 == 1 ? new Tile(random.Next(34, Size), random.Next(0, Size)) : RandomWalkable(32, Size);
            var running = i % 2 == 1;
            var player = harness.Join(start, name: $"w{i}");
            if (running)
            {
                harness.Do(PlayerAction.SetRun(player, true));
            }

            var refused = harness.Do(PlayerAction.Move(player, goal.X, goal.Z)) != RejectionReason.None;
            var ticks = new List<int[]>();
            if (!refused)
            {
                // Do stepped the tick that applied the Move; record until the walker stops.
                ticks.Add([harness.TileOf(player).X, harness.TileOf(player).Z]);
                for (var t = 0; t < 200 && harness.Get<Ecs.Game.Components.Movement>(player).IsMoving; t++)
                {
                    harness.Step();
                    ticks.Add([harness.TileOf(player).X, harness.TileOf(player).Z]);
                }
            }

            walks.Add(new RecordedWalk([start.X, start.Z], [goal.X, goal.Z], running, ticks));
            harness.Sim.Leave(player);
            harness.Step();
        }

        return new WalkFixture(Size, Size, blocked, walks);
    }

    private sealed record WalkFixture(
        [property: JsonPropertyName("width")] int Width,
        [property: JsonPropertyName("height")] int Height,
        [property: JsonPropertyName("blocked")] List<int[]> Blocked,
        [property: JsonPropertyName("walks")] List<RecordedWalk> Walks);

    private sealed record RecordedWalk(
        [property: JsonPropertyName("start")] int[] Start,
        [property: JsonPropertyName("goal")] int[] Goal,
        [property: JsonPropertyName("running")] bool Running,
        [property: JsonPropertyName("ticks")] List<int[]> Ticks);
}
