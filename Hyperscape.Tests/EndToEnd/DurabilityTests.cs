using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Persistence;
using Hyperscape.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// A server whose database stops answering: nothing an item transaction did may reach any
/// client, the one who acted or anyone watching, until the database has it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DurabilityTests
{
    /// <summary>Ticks to keep watching while storage is stalled: past the 7-tick respawn too.</summary>
    private const int StalledTicks = 12;

    private static int _names;
    private UnreliableStore _store = null!;
    private TestServer _server = null!;

    [SetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(
        new Dictionary<string, string?> { ["Hyperscape:World:SpawnGroundItems"] = "false", ["Hyperscape:World:SpawnNpcs"] = "false" },
        builder => builder.Services.AddSingleton<ICharacterStore>(sp => _store = new UnreliableStore(sp.GetRequiredService<SqlGameStore>())));

    [TearDown]
    public async Task StopAsync()
    {
        _store.Release();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task A_drop_reaches_no_screen_before_it_is_durable()
    {
        var (dropper, watcher) = await TwoPlayersAsync();
        var coins = await dropper.WaitForValueAsync(c => c.World!.Inventory is { } inv ? (int?)Array.FindIndex(inv, s => s.ItemId == ItemIds.Coins) : null, "the inventory");

        _store.Hold();
        await dropper.ActAsync(ActionKind.Drop, slot: coins);
        await StallAsync();

        Assert.Multiple(() =>
        {
            Assert.That(dropper.World!.Inventory![coins].ItemId, Is.EqualTo(ItemIds.Coins), "the dropper still holds the coins");
            Assert.That(Piles(dropper), Is.Zero, "no pile on the dropper's screen");
            Assert.That(Piles(watcher), Is.Zero, "nor on the watcher's");
            Assert.That(dropper.World.Events.Any(e => e.Kind == GameEventKind.InventoryChanged), Is.False);
        });

        _store.Release();
        await dropper.WaitUntilAsync(c => c.World!.Inventory![coins].IsEmpty && Piles(c) == 1, "the drop, once durable");
        await watcher.WaitUntilAsync(c => Piles(c) == 1, "the pile for the watcher");
    }

    [Test]
    public async Task A_death_and_its_gravestone_reach_no_screen_before_they_are_durable()
    {
        var (victim, watcher) = await TwoPlayersAsync();
        _store.Hold();
        var victimId = victim.NetworkId;
        _server.Loop.Post(() =>
        {
            var simulation = _server.Loop.Simulation;
            simulation.Context.TryResolve(victimId, out var entity);
            simulation.World.Get<Health>(entity).Current = 0;
        });
        await StallAsync();

        foreach (var client in new[] { victim, watcher })
        {
            Assert.That(client.World!.Events.Where(e => e.Subject == victimId).Select(e => e.Kind),
                Has.None.AnyOf(GameEventKind.Died, GameEventKind.Respawned), $"{client.Name}: the death is not durable");
            Assert.That(Graves(client), Is.Zero, $"{client.Name}: nor is its gravestone");
            Assert.That(client.World!.Events.Select(e => e.Kind), Has.No.Member(GameEventKind.GravestoneCreated));
        }

        _store.Release();
        await victim.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.Respawned && e.Subject == victimId), "the respawn, once the death is durable");
        var story = victim.World!.Events.Where(e => e.Subject == victimId && e.Kind is GameEventKind.Died or GameEventKind.Respawned).Select(e => e.Kind);
        Assert.That(story, Is.EqualTo(new[] { GameEventKind.Died, GameEventKind.Respawned }));
        await watcher.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.Died && e.Subject == victimId), "the watcher seeing the death");
        await watcher.WaitUntilAsync(c => Graves(c) == 1, "the gravestone on the watcher's screen");
        await victim.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.GravestoneCreated && e.Subject == victimId), "the victim told of its gravestone");
        Assert.That(Piles(watcher), Is.Zero, "nothing fell to the ground");
    }

    private async Task<(TestClient Actor, TestClient Watcher)> TwoPlayersAsync()
    {
        var actor = await TestClient.EnterAsync(_server.Socket, $"Act{Interlocked.Increment(ref _names)}");
        var watcher = await TestClient.EnterAsync(_server.Socket, $"See{Interlocked.Increment(ref _names)}");
        await watcher.WaitUntilAsync(c => c.World!.Entities.ContainsKey(actor.NetworkId), "the actor in the watcher's view");
        await actor.WaitUntilAsync(c => c.World!.Inventory is not null && c.World.Entities.ContainsKey(watcher.NetworkId), "the actor's own state");
        return (actor, watcher);
    }

    /// <summary>Lets the world run on for a while with storage stalled.</summary>
    private async Task StallAsync()
    {
        var until = _server.Loop.Tick + StalledTicks;
        while (_server.Loop.Tick < until)
        {
            await Task.Delay(20);
        }

        Assert.That(_server.Loop.Stats().PendingSaves, Is.GreaterThan(0), "storage really is stalled");
    }

    private static int Graves(TestClient client) => client.World!.Entities.Values.Count(e => e.Kind == WireEntityKind.Gravestone);

    private static int Piles(TestClient client) => client.World!.Entities.Values.Count(e => e.Kind == WireEntityKind.GroundItem);
}
