using System.Net.Http.Json;
using System.Text.Json;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Tests.EndToEnd;

namespace Hyperscape.Tests.Zones;

/// <summary>
/// Two zone processes and one PostgreSQL on loopback: players walk over the border between them and
/// are handed over with everything they carry, the database moving their ownership one epoch per
/// crossing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ZoneProcessTests
{
    private static readonly TimeSpan Crossing = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_player_walks_into_the_other_zone_and_back_and_keeps_everything()
    {
        using var zones = await ZonePair.StartAsync();
        try
        {
            var walker = await TestClient.EnterAsync(zones.Socket(1), "Walker");
            var characterId = walker.CharacterId;
            var inventory = await walker.WaitForAsync(c => c.World?.Inventory, "the inventory");
            var (_, epoch) = await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId));

            walker = await CrossAsync(walker, toZone: 2, x: ZonePair.Border + 1);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory in zone 2"), Is.EqualTo(inventory));
            Assert.That(walker.NetworkId >> 40, Is.EqualTo(2), "zone 2 numbers its own entities");
            Assert.That(await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId)), Is.EqualTo(((int?)2, epoch + 1)));

            walker = await CrossAsync(walker, toZone: 1, x: ZonePair.Border - 3);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory back in zone 1"), Is.EqualTo(inventory));
            Assert.That(await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId)), Is.EqualTo(((int?)1, epoch + 2)));
            await walker.DisposeAsync();
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    [Test]
    public async Task A_walker_crosses_fifty_times_while_a_watcher_sees_it_exactly_once_and_nothing_is_lost_or_doubled()
    {
        const int Crossings = 50;
        using var zones = await ZonePair.StartAsync();
        try
        {
            // The watcher stands in zone 1 beside the spawn, within sight of the border all along.
            await using var watcher = await TestClient.EnterAsync(zones.Socket(1), "Watcher");
            var walker = await TestClient.EnterAsync(zones.Socket(1), "Walker");
            var characterId = walker.CharacterId;
            var seenOnce = false;
            var violations = new List<string>();
            watcher.AfterSync = world =>
            {
                var others = world.Entities.Where(e => e.Value.Kind == Ecs.Sync.WireEntityKind.Player && e.Key != world.PlayerNetworkId).ToList();
                seenOnce |= others.Count == 1;
                if (seenOnce && others.Count != 1 && violations.Count < 10)
                {
                    violations.Add($"frame {world.Frame}: the watcher saw {others.Count} walkers ({string.Join(", ", others.Select(o => $"{o.Key} {o.Value.Name}"))})");
                }
            };

            // Meanwhile, the two zones together never hold the walker twice.
            using var stop = new CancellationTokenSource();
            var owners = WatchOnlineAsync(zones, stop.Token);

            var inventory = await walker.WaitForAsync(c => c.World?.Inventory, "the inventory");
            var skills = await walker.WaitForAsync(c => c.World?.Skills, "the skills");
            var (_, epoch) = await zones.ReadAsync((_, o) => o.OwnerAsync(characterId));
            var zone = 1;
            for (var crossing = 1; crossing <= Crossings; crossing++)
            {
                var before = await OwnPositionAsync(walker);
                zone = 3 - zone;
                walker = await CrossAsync(walker, toZone: zone, x: zone == 2 ? ZonePair.Border + 1 : ZonePair.Border - 2);
                var after = await OwnPositionAsync(walker);
                Assert.That(Math.Abs(after.X - before.X), Is.LessThanOrEqualTo(3), $"crossing {crossing}: no jump larger than a tick's walk ({before} to {after})");
                Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory"), Is.EqualTo(inventory), $"crossing {crossing}: the inventory");
                Assert.That(await walker.WaitForAsync(c => c.World?.Skills, "the skills"), Is.EqualTo(skills), $"crossing {crossing}: skills and XP");
            }

            await stop.CancelAsync();
            var twice = await owners;
            Assert.That(twice, Is.Empty, "no moment with the walker in both zones");
            Assert.That(seenOnce, Is.True, "the watcher saw the walker at all");
            Assert.That(violations, Is.Empty, "the watcher saw the walker exactly once in every frame");
            Assert.That(await zones.ReadAsync((_, o) => o.OwnerAsync(characterId)), Is.EqualTo(((int?)1, epoch + Crossings)), "the epoch rose by one per crossing");
            var stored = await zones.ReadAsync((store, _) => store.LoadAsync(characterId));
            var storedSlots = new List<ItemStack>();
            foreach (var slot in stored!.State.Inventory.Slots)
            {
                storedSlots.Add(slot);
            }

            Assert.That(storedSlots, Is.EqualTo(inventory), "stored as carried");
            await walker.DisposeAsync();
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    /// <summary>Samples both zones' online counts until stopped; the moments the walker and watcher made three.</summary>
    private static async Task<List<string>> WatchOnlineAsync(ZonePair zones, CancellationToken stop)
    {
        using var http = new HttpClient();
        var found = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var one = await http.GetFromJsonAsync<JsonElement>(new Uri(zones.Http(1), "stats"), stop);
                var two = await http.GetFromJsonAsync<JsonElement>(new Uri(zones.Http(2), "stats"), stop);
                var online = one.GetProperty("online").GetInt32() + two.GetProperty("online").GetInt32();
                if (online > 2)
                {
                    found.Add($"{online} online at {DateTime.UtcNow:O}");
                }

                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return found;
    }

    private static async Task<(float X, float Z)> OwnPositionAsync(TestClient client) =>
        await client.WaitForValueAsync(c => c.World?.Entities.TryGetValue(c.NetworkId, out var self) == true ? (self.X, self.Z) : ((float, float)?)null, "its own position");

    /// <summary>Walks over the border and follows the server to the other zone with the resume token it gave.</summary>
    private static async Task<TestClient> CrossAsync(TestClient walker, int toZone, int x)
    {
        await walker.ActAsync(ActionKind.Move, x: x, z: 128);
        var change = await walker.WaitForMessageAsync(MessageType.ZoneChange, timeout: Crossing);
        Assert.That(change.Long(1), Is.EqualTo(toZone));
        var token = change.Text(3);
        Assert.That(token, Is.Not.Null.And.Not.Empty, "a crossing answered by the other zone carries its resume token");
        await walker.WaitClosedAsync(Crossing);
        await walker.DisposeAsync();

        var there = await TestClient.ConnectAsync(new Uri(change.Text(2)!));
        await there.HelloAsync(resume: token);
        await there.WaitForMessageAsync(MessageType.EnteredWorld, timeout: Crossing);
        return there;
    }
}
