using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Sync;
using Hyperscape.Tests.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Hyperscape.Tests.Server;

/// <summary>
/// The game server's frame, with a fake clock and a fake store: its order is what makes the
/// guarantees hold, so the guarantees are pinned here, on the one type every host drives.
/// </summary>
public sealed class GameServerTests
{
    private FakeTimeProvider _clock = null!;
    private RecordingStorage _storage = null!;
    private ClientRouter _clients = null!;

    [SetUp]
    public void SetUp()
    {
        // NUnit shares one fixture instance across its tests: each test gets its own clock and store.
        _clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        _storage = new RecordingStorage();
        _clients = new ClientRouter();
    }

    [Test]
    public void A_frame_is_50_ms_and_a_tick_every_12th_frame_by_default()
    {
        var server = NewServer(new SyncOptions());
        Assert.That((server.FrameInterval, server.FramesPerTick, server.Simulation.TickLength), Is.EqualTo((TimeSpan.FromMilliseconds(50), 12, TimeSpan.FromMilliseconds(600))));
        Assert.That(() => NewServer(new SyncOptions { FramesPerSecond = 7 }), Throws.ArgumentException.With.Message.Contains("whole number of frames"));
    }

    [Test]
    public void The_tick_count_follows_the_clock_in_small_steps_and_big_jumps()
    {
        var server = NewServer(new SyncOptions());
        var steps = new[] { 10, 40, 50, 7, 600, 1_300, 3, 47, 2_000, 5_943 };
        var elapsed = 0;
        foreach (var milliseconds in steps)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(milliseconds));
            elapsed += milliseconds;
            server.RunDueFrames(_clients);

            // The first tick runs at once (frame 0); then one every 600 ms.
            Assert.That(server.Simulation.Tick, Is.EqualTo((elapsed / 600) + 1), $"after {elapsed} ms");
            Assert.That(server.Frame, Is.EqualTo((elapsed / 50) + 1));
        }
    }

    [Test]
    public void A_late_frame_catches_up_and_one_far_too_late_skips_packets_but_not_ticks()
    {
        var server = NewServer(new SyncOptions());
        Assert.That(server.RunDueFrames(_clients), Is.EqualTo(1), "the first frame is due at once");
        Assert.That(server.RunDueFrames(_clients), Is.Zero, "and the next one is not");

        _clock.Advance(TimeSpan.FromMilliseconds(149));
        Assert.That(server.RunDueFrames(_clients), Is.EqualTo(2), "two frames late: both run now");
        Assert.That(server.UntilNextFrame, Is.EqualTo(TimeSpan.FromMilliseconds(1)));

        _clock.Advance(TimeSpan.FromSeconds(3));
        var ran = server.RunDueFrames(_clients);
        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EqualTo(GameServer.MaxCatchUpFrames + 1), "a few late frames are run; the rest are skipped");
            Assert.That(server.FramesSkipped, Is.EqualTo(60 - (GameServer.MaxCatchUpFrames + 1)), "60 frames were due");
            Assert.That(server.Frame, Is.EqualTo(63));
            Assert.That(server.Simulation.Tick, Is.EqualTo((3_150 / 600) + 1), "every tick due still ran");
            Assert.That(server.TicksLost, Is.Zero);
        });
    }

    [Test]
    public void An_item_change_is_in_no_packet_before_storage_confirms_it()
    {
        var server = NewServer(new SyncOptions { InterestGroups = 1 }, durable: true);
        var dropper = Join(server, 1, new Tile(20, 20), coins: 100);
        var watcher = Join(server, 2, new Tile(22, 20), coins: 0);
        var own = Connect(server, 1, dropper);
        var other = Connect(server, 2, watcher);
        RunTicks(server, 1);

        server.Simulation.Enqueue(PlayerAction.Drop(dropper, 0));
        RunTicks(server, 5);

        var drop = _storage.Transactions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(drop.Kind, Is.EqualTo(Hyperscape.Ecs.Persistence.ItemTransactionKind.Drop), "handed to storage the tick it happened");
            Assert.That(own.Inventory![0], Is.EqualTo(new ItemStack(ItemIds.Coins, 100)), "five ticks on, the owner is still shown its coins");
            Assert.That(own.Events.Any(e => e.Transaction == drop.Id), Is.False);
            Assert.That(own.Entities.Values.Concat(other.Entities.Values).Any(e => e.Kind == WireEntityKind.GroundItem), Is.False, "no one sees the pile");
        });

        _storage.Confirm(drop.Id);
        _clock.Advance(server.FrameInterval);
        server.RunDueFrames(_clients);
        Assert.Multiple(() =>
        {
            Assert.That(own.Inventory![0].IsEmpty, Is.True, "confirmed: shown at the very next frame");
            Assert.That(own.Events.Single(e => e.Kind == GameEventKind.InventoryChanged).Transaction, Is.EqualTo(drop.Id));
            Assert.That(other.Entities.Values.Count(e => e.Kind == WireEntityKind.GroundItem), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_players_own_entity_and_state_are_never_staggered()
    {
        // Six interest groups: others' updates may trail by five frames, a player's own must not.
        var server = NewServer(new SyncOptions { InterestGroups = 6 });
        var players = Enumerable.Range(1, 12).Select(i => Join(server, i, new Tile(10 + i, 20), coins: i)).ToList();
        var clients = players.Select((p, i) => Connect(server, i + 1, p)).ToList();
        RunTicks(server, 2);

        foreach (var player in players)
        {
            server.Simulation.Enqueue(PlayerAction.Move(player, 30, 30));
            server.Simulation.Enqueue(PlayerAction.Equip(player, 1));
        }

        // Exactly the tick's own frame: every player already sees itself moved, its own items and skills.
        RunTicks(server, 1, andRestOfTick: false);
        for (var i = 0; i < players.Count; i++)
        {
            server.Simulation.TryResolve(players[i], out var entity);
            var truth = server.Simulation.World.GetReadOnly<Position>(entity);
            var seen = clients[i].Entities[players[i]];
            Assert.That((seen.X, seen.Z), Is.EqualTo((truth.X, truth.Z)), $"player {i} sees itself where it is, in the tick's own frame");
            Assert.That(clients[i].Equipment![(int)EquipmentSlot.Weapon].ItemId, Is.EqualTo(ItemIds.BronzeSword), $"player {i}'s own equipment");
            Assert.That(clients[i].Skills, Is.Not.Null);
        }
    }

    [Test]
    public void Durability_is_all_or_nothing_it_comes_with_storage()
    {
        var plain = NewServer(new SyncOptions());
        var player = Join(plain, 1, new Tile(20, 20), coins: 10);
        RunTicks(plain, 1);
        plain.Simulation.Enqueue(PlayerAction.Drop(player, 0));
        RunTicks(plain, 1);
        Assert.That(plain.Simulation.ItemTransactions, Is.Empty, "without storage nothing is recorded");

        var durable = NewServer(new SyncOptions(), durable: true);
        var saver = Join(durable, 1, new Tile(20, 20), coins: 10);
        RunTicks(durable, 1);
        durable.Simulation.Enqueue(PlayerAction.Drop(saver, 0));
        RunTicks(durable, 1);
        Assert.That(_storage.Transactions.Select(t => t.Kind).ToList(), Is.EqualTo(new[] { Hyperscape.Ecs.Persistence.ItemTransactionKind.Drop }));
        Assert.That(durable.UnconfirmedTransactions, Is.EqualTo(1), "and held until confirmed");
    }

    [Test]
    public void Departures_and_the_periodic_save_go_to_storage()
    {
        var server = NewServer(new SyncOptions(), durable: true, saveInterval: TimeSpan.FromSeconds(3));
        var stayer = Join(server, 1, new Tile(20, 20), coins: 1);
        var leaver = Join(server, 2, new Tile(21, 20), coins: 2);
        RunTicks(server, 1);
        server.Simulation.Leave(leaver);
        RunTicks(server, 6);

        Assert.That(_storage.Saved.Select(s => s.CharacterId), Is.EqualTo(new long[] { 2 }), "the departed character, once");
        Assert.That(_storage.ProgressSaves, Has.Count.EqualTo(1), "3 s is 5 ticks: one periodic save in 7 ticks");
        Assert.That(_storage.ProgressSaves[0].Select(p => p.CharacterId), Is.EqualTo(new long[] { 1 }));
        Assert.That(stayer, Is.Not.Zero);
    }

    private GameServer NewServer(SyncOptions sync, bool durable = false, TimeSpan? saveInterval = null) => new(new GameServerOptions
    {
        Simulation = new SimulationOptions { Seed = 11, Map = new TileMap(64, 64), PlayerSpawn = new Tile(32, 32) },
        Sync = sync,
        Storage = durable ? _storage : null,
        Clock = _clock,
        SaveInterval = saveInterval ?? TimeSpan.FromSeconds(30),
    });

    private static long Join(GameServer server, long characterId, Tile at, int coins)
    {
        var inventory = default(Inventory);
        if (coins > 0)
        {
            InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Coins], coins);
        }

        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.BronzeSword], 1);
        return server.Simulation.Join(new CharacterState { CharacterId = characterId, Name = $"p{characterId}", Position = Position.At(at), Inventory = inventory });
    }

    private ReferenceClient Connect(GameServer server, long clientId, long player)
    {
        var client = new ReferenceClient(clientId, player);
        _clients.Clients[clientId] = client;
        server.Connect(clientId, player);
        return client;
    }

    /// <summary>Lets the clock run for whole ticks, frame by frame, from the frame due now.</summary>
    private void RunTicks(GameServer server, int ticks, bool andRestOfTick = true)
    {
        for (var t = 0; t < ticks; t++)
        {
            var frames = andRestOfTick || t < ticks - 1 ? server.FramesPerTick : 1;
            for (var f = 0; f < frames; f++)
            {
                server.RunDueFrames(_clients);
                _clock.Advance(server.FrameInterval);
            }
        }
    }
}
