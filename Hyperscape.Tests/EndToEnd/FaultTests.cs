using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// Faults injected on the game thread. One in a player's action costs that player its session
/// (saved, told why, logged with who and what) and nothing else; one outside any player's work
/// saves everyone and stops the server with a non-zero exit code instead of hanging.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FaultTests
{
    private const int PoisonedEmote = 13;
    private static int _names;

    [Test]
    public async Task A_fault_in_one_players_action_disconnects_that_player_and_the_world_goes_on()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithoutNpcs);
        await using var victim = await TestClient.EnterAsync(server.Socket, Name("Victim"));
        await using var bystander = await TestClient.EnterAsync(server.Socket, Name("Stander"));
        var victimId = victim.NetworkId;
        server.Loop.Post(() => server.Loop.Simulation.ActionProbe = action =>
        {
            if (action.PlayerId == victimId && action.Kind == ActionKind.Emote && action.Value == PoisonedEmote)
            {
                throw new InvalidOperationException("An injected bug.");
            }
        });
        await victim.ActAsync(ActionKind.Move, x: 131, z: 131);
        await victim.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var self) && self.X == 131 && self.Z == 131, "the victim's walk");

        await victim.ActAsync(ActionKind.Emote, value: PoisonedEmote);

        Assert.That((int?)await victim.WaitClosedAsync(), Is.EqualTo(1011), "a server error ended the session");
        Assert.That(victim.CloseDescription, Does.Contain("your character is being saved"));

        // The rest of the world is untouched: the bystander keeps playing.
        await bystander.ActAsync(ActionKind.Move, x: 125, z: 125);
        await bystander.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var self) && self.X == 125 && self.Z == 125, "the bystander's walk after the fault");

        var error = server.Logs.Entries.Single(e => e.Level == LogLevel.Error && e.Exception?.Message == "An injected bug.");
        Assert.That(error.Message, Does.Contain(victim.Name).And.Contain("Emote"));

        // The victim left the world and was saved where it stood.
        await bystander.WaitUntilAsync(c => !c.World!.Entities.ContainsKey(victimId), "the victim gone from the world");
        await Eventually.HoldsAsync(() => server.Loop.Stats().PendingSaves == 0, "the saves");
        var stored = (await server.Store.LoadAsync(victim.CharacterId))!.State.Position;
        Assert.That((stored.X, stored.Z), Is.EqualTo((131f, 131f)));
    }

    [Test]
    public async Task A_fault_outside_any_player_saves_everyone_and_stops_with_exit_code_4()
    {
        var server = await TestServer.StartAsync(TestServer.WithoutNpcs);
        await using var player = await TestClient.EnterAsync(server.Socket, Name("Saved"));
        await player.ActAsync(ActionKind.Move, x: 133, z: 128);
        await player.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var self) && self.X == 133, "the walk");

        server.Loop.Post(() => server.Loop.Simulation.TickProbe = () => throw new InvalidOperationException("A broken world."));

        Assert.That(await player.WaitClosedAsync(), Is.EqualTo(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable), "1001: saved, the server is stopping");
        var outcome = server.Services.GetRequiredService<ShutdownOutcome>();
        var store = server.Store;
        await server.StopAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(ShutdownOutcome.GameLoopFailed));
            Assert.That(server.Logs.Entries.Any(e => e.Level == LogLevel.Critical && e.Exception?.Message == "A broken world."), Is.True);
            var stored = (await store.LoadAsync(player.CharacterId))!.State.Position;
            Assert.That(stored.X, Is.EqualTo(133f), "saved before stopping");
        });
        await server.DisposeAsync();
    }

    private static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";

}
