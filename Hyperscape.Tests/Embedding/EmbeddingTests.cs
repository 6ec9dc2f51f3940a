using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Sync;
using Hyperscape.Tests.Sync;

namespace Hyperscape.Tests.Embedding;

/// <summary>
/// The README's example of an embedder's system, run as written: the README's code blocks must be
/// exactly <see cref="PoisonSystem"/> and the wiring below, so the documentation cannot drift.
/// </summary>
public sealed class EmbeddingTests
{
    [Test]
    public void A_custom_system_runs_in_its_place_and_its_damage_reaches_the_clients()
    {
        // README:wiring-begin
        var server = new GameServer(new GameServerOptions
        {
            Simulation = SimulationOptions.CreateDefault() with
            {
                // After combat, so this tick's death phase already sees the poison's damage.
                Systems = [SystemRegistration.After(TickPhase.Combat, "poison", tick => new PoisonSystem(tick))],
            },
        });
        // README:wiring-end

        var phases = server.Simulation.PhaseNames.ToList();
        Assert.That(phases.IndexOf("poison"), Is.EqualTo(phases.IndexOf("combat") + 1), "placed right after combat");
        Assert.That(server.Simulation.LastPhaseDurations.Length, Is.EqualTo(phases.Count), "its time is measured like any phase");

        var spawn = SimulationOptions.CreateDefault().PlayerSpawn;
        var victim = server.Simulation.Join(new CharacterState { CharacterId = 1, Name = "Victim", Position = Position.At(spawn) });
        var friend = server.Simulation.Join(new CharacterState { CharacterId = 2, Name = "Friend", Position = Position.At(spawn with { X = spawn.X + 2 }) });
        var router = new ClientRouter();
        var watcher = router.Clients[2] = new ReferenceClient(2, friend);
        server.Connect(2, friend);
        RunUntilTick(server, router, 1);

        server.Simulation.TryResolve(victim, out var entity);
        server.Simulation.World.Add(entity, new Poisoned(Damage: 2, Doses: 3));
        RunUntilTick(server, router, 95);

        Assert.Multiple(() =>
        {
            Assert.That(server.Simulation.World.GetReadOnly<Health>(entity).Current, Is.EqualTo(4), "three doses of 2 at ticks 30, 60 and 90");
            Assert.That(server.Simulation.World.Has<Poisoned>(entity), Is.False, "cured after its last dose");
            Assert.That(watcher.Entities[victim].Health, Is.EqualTo(4), "the health bar reached the watcher");
            Assert.That(watcher.Events.Where(e => e.Kind == GameEventKind.Damage && e.Subject == victim).Select(e => (e.A, e.B)), Is.EqualTo(new[] { (2, 8), (2, 6), (2, 4) }), "and each hitsplat");
        });
    }

    [Test]
    public void The_readme_shows_exactly_the_code_this_test_runs()
    {
        var root = RepositoryRoot.Path;
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var system = Region(File.ReadAllText(Path.Combine(root, "Hyperscape.Tests", "Embedding", "PoisonSystem.cs")), "// README:begin", "// README:end");
        var wiring = Unindent(Region(File.ReadAllText(Path.Combine(root, "Hyperscape.Tests", "Embedding", "EmbeddingTests.cs")), "// README:wiring-begin", "// README:wiring-end"));

        Assert.That(readme, Does.Contain("```csharp\n" + system + "```"), "the system in the README is PoisonSystem.cs");
        Assert.That(readme, Does.Contain("```csharp\n" + wiring + "```"), "the wiring in the README is the test's");
    }

    private static void RunUntilTick(GameServer server, IPacketSink sink, long tick)
    {
        while (server.Simulation.Tick < tick || server.Frame % server.FramesPerTick != 0)
        {
            server.RunFrame(sink);
        }
    }

    private static string Region(string text, string begin, string end)
    {
        text = text.ReplaceLineEndings("\n");
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0));
        Assert.That(to, Is.GreaterThan(from));
        var start = text.IndexOf('\n', from) + 1;
        var stop = text.LastIndexOf('\n', to) + 1;
        return text[start..stop];
    }

    private static string Unindent(string block)
    {
        var lines = block.TrimEnd('\n').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())) + "\n";
    }
}
