using System.Net.Http.Json;
using System.Text.Json;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Tests.Authentication;
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
    public async Task A_player_walks_into_the_other_zone_and_on_and_back_and_keeps_everything()
    {
        using var zones = await ZonePair.StartAsync();
        try
        {
            var walker = await TestClient.EnterAsync(zones.Socket(1), "Walker");
            var characterId = walker.CharacterId;
            var inventory = await walker.WaitForAsync(c => c.World?.Inventory, "the inventory");
            var (_, epoch) = await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId));

            walker = await CrossAsync(walker, toZone: 2, x: ZonePair.Border + 4);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory in zone 2"), Is.EqualTo(inventory));
            await walker.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var self) && self.X == ZonePair.Border + 4, "walking on to where it was going, without being told again");
            Assert.That(walker.NetworkId >> 40, Is.EqualTo(2), "zone 2 numbers its own entities");
            Assert.That(await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId)), Is.EqualTo(((int?)2, epoch + 1)));

            walker = await CrossAsync(walker, toZone: 1, x: ZonePair.Border - 3);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory back in zone 1"), Is.EqualTo(inventory));
            Assert.That(await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId)), Is.EqualTo(((int?)1, epoch + 2)));

            // Each zone reports its crossings, ghosts and cluster.
            using var http = new HttpClient();
            var stats = (await http.GetFromJsonAsync<JsonElement>(new Uri(zones.Http(1), "stats"))).GetProperty("zone");
            Assert.That((stats.GetProperty("zone").GetInt32(), stats.GetProperty("handOffsOut").GetInt64(), stats.GetProperty("handOffsIn").GetInt64(), stats.GetProperty("clusterMembers").GetInt32()), Is.EqualTo((1, 1L, 1L, 2)));
            Assert.That(stats.GetProperty("handOffP50Ms").GetDouble(), Is.GreaterThan(0));
            Assert.That(stats.GetProperty("ghostsSent").GetInt64(), Is.GreaterThan(0), "the walker was shown to zone 2 while near the border");
            var metrics = await http.GetStringAsync(new Uri(zones.Http(2), "metrics"));
            Assert.That(metrics, Does.Contain("hyperscape_zone_handoffs_out").And.Contain("hyperscape_zone_cluster_members").And.Contain("hyperscape_zone_handoff_duration"));
            Assert.That(await http.GetStringAsync(new Uri(zones.Http(2), "healthz")), Is.EqualTo("Healthy"));
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

    [Test]
    public async Task With_redis_membership_the_zones_find_each_other_and_hand_a_player_over()
    {
        using var redis = await RedisServer.StartAsync();
        using var zones = await ZonePair.StartAsync(["--Hyperscape:Zones:Cluster:Membership=Redis", $"--Hyperscape:Zones:Cluster:RedisConnection={redis.ConnectionString}"]);
        try
        {
            var walker = await TestClient.EnterAsync(zones.Socket(1), "Redis");
            var inventory = await walker.WaitForAsync(c => c.World?.Inventory, "the inventory");
            walker = await CrossAsync(walker, toZone: 2, x: ZonePair.Border + 1);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory in zone 2"), Is.EqualTo(inventory));
            walker = await CrossAsync(walker, toZone: 1, x: ZonePair.Border - 2);
            await walker.DisposeAsync();
            Assert.That(zones.Processes[0]!.Output, Does.Contain($"Redis membership at {redis.ConnectionString}"), "the membership is in Redis, not in a primary silo");
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    [Test]
    public async Task Friends_in_different_zones_message_each_other_and_hear_of_requests_and_departures()
    {
        using var zones = await ZonePair.StartAsync(["--Hyperscape:ReconnectGrace=00:00:03"]);
        try
        {
            await using var ann = await TestClient.EnterAsync(zones.Socket(1), "Ann");
            var bob = await TestClient.EnterAsync(zones.Socket(1), "Bob");
            await ann.SendAsync(w => ClientMessages.Social(w, SocialOperation.AddFriend, "Bob"));
            await bob.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.FriendRequest && m.Text(2) == "Ann");
            await bob.SendAsync(w => ClientMessages.Social(w, SocialOperation.AddFriend, "Ann"));
            await ann.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.FriendStatus && m.Text(2) == "Bob" && m.Flag(3));

            bob = await CrossAsync(bob, toZone: 2, x: ZonePair.Border + 1);
            await ann.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Private, "Bob", "over the border?"));
            var heard = await bob.WaitForMessageAsync(MessageType.ChatMessage, m => m.Text(4) == "over the border?", Crossing);
            Assert.That((heard.Long(1), heard.Text(3)), Is.EqualTo(((long)ChatChannel.Private, "Ann")));
            await ann.WaitForMessageAsync(MessageType.ChatMessage, m => m.Long(1) == (long)ChatChannel.Private && m.Text(4) == "over the border?", Crossing);
            await bob.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Private, "Ann", "yes, in zone 2"));
            await ann.WaitForMessageAsync(MessageType.ChatMessage, m => m.Long(1) == (long)ChatChannel.Private && m.Text(3) == "Bob" && m.Text(4) == "yes, in zone 2", Crossing);
            // Public chat by the border is heard by those who see the speaker across it: once Ann sees Bob's ghost.
            await ann.WaitUntilAsync(c => c.World!.Entities.ContainsKey(bob.NetworkId), "Bob's ghost across the border");
            await bob.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Public, null, "hello over there"));
            var overheard = await ann.WaitForMessageAsync(MessageType.ChatMessage, m => m.Text(4) == "hello over there", Crossing);
            Assert.That((overheard.Long(1), overheard.Long(2), overheard.Text(3)), Is.EqualTo(((long)ChatChannel.Public, bob.NetworkId, "Bob")), "under the id Ann sees Bob's ghost by");
            await bob.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Private, "Nobody", "hello?"));
            await bob.WaitForMessageAsync(MessageType.ChatMessage, m => m.Long(1) == (long)ChatChannel.System && m.Text(4) == "Nobody is not online.", Crossing);

            // A request from zone 2 reaches zone 1.
            var carl = await TestClient.EnterAsync(zones.Socket(1), "Carl");
            carl = await CrossAsync(carl, toZone: 2, x: ZonePair.Border + 2);
            await carl.SendAsync(w => ClientMessages.Social(w, SocialOperation.AddFriend, "Ann"));
            await ann.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.FriendRequest && m.Text(2) == "Carl", Crossing);
            await carl.DisposeAsync();

            // Bob leaves the world in zone 2 (his grace runs out): Ann, in zone 1, hears it.
            await bob.DisposeAsync();
            await ann.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.FriendStatus && m.Text(2) == "Bob" && !m.Flag(3), Crossing);
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    [TestCase("before-commit", 1)]
    [TestCase("after-commit", 2)]
    [TestCase("after-doorbell", 2)]
    public async Task A_zone_killed_during_a_hand_off_loses_nothing_acknowledged_and_the_player_exists_once(string point, int endsIn)
    {
        using var tokens = new PrivyTokenFactory();
        var token = tokens.Create(subject: "did:privy:crosser");
        var privy = PrivyFlags(tokens);
        using var zones = await ZonePair.StartAsync(privy, new Dictionary<string, string?> { ["HYPERSCAPE_ZONE_CRASH_AT"] = point });
        try
        {
            long characterId;
            ItemStack[] carried;
            await using (var crosser = await TestClient.ConnectAsync(zones.Socket(1)))
            {
                await crosser.HelloAsync(token);
                await crosser.CreateAndSelectAsync("Crosser");
                characterId = crosser.CharacterId;

                // An acknowledged item transaction just before the crossing: the coins shown dropped are durable.
                var inventory = await crosser.WaitForAsync(c => c.World?.Inventory, "the inventory");
                await crosser.ActAsync(ActionKind.Drop, slot: Array.FindIndex(inventory, s => s.ItemId == ItemIds.Coins));
                carried = await crosser.WaitForAsync(c => c.World!.Inventory!.All(s => s.ItemId != ItemIds.Coins) ? c.World.Inventory : null, "the coins dropped, acknowledged");
                await crosser.ActAsync(ActionKind.Move, x: ZonePair.Border + 1, z: 128);
                await zones.Processes[0]!.WaitForExitAsync(Crossing);
                Assert.That(zones.Processes[0]!.Output, Does.Contain($"killing zone 1's process {point} of a crossing"), "it died where the test meant it to");
            }

            // The surviving zone notices (the test cluster probes every second) and says so.
            using (var http = new HttpClient())
            {
                var deadline = DateTime.UtcNow + Crossing;
                string health;
                while ((health = await HealthAsync(http, zones.Http(2))) != "Degraded" && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }

                Assert.That(health, Is.EqualTo("Degraded"), "zone 2 reports that no process runs zone 1");
            }

            await zones.StartZoneAsync(1);
            var (player, zone) = await LogInAsync(zones, token, characterId);
            await using (player)
            {
                Assert.That(zone, Is.EqualTo(endsIn), $"killed {point}: the player continues where the database says it belongs");
                Assert.That(await player.WaitForAsync(c => c.World?.Inventory, "the inventory"), Is.EqualTo(carried), "everything it carried, and not the coins");
                Assert.That(await OnlineAsync(zones), Is.EqualTo(1), "in one zone only");
            }

            var ground = await zones.ReadAsync((store, _) => store.LoadGroundItemsAsync());
            Assert.That(ground.Count(g => g.ItemId == ItemIds.Coins && g.Quantity == 25), Is.EqualTo(1), "the dropped coins exist once, on the ground");
            Assert.That((await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId))).Zone, Is.EqualTo(endsIn));
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    [Test]
    public async Task A_player_whose_zone_died_plays_again_in_the_next_zone_once_its_lease_runs_out()
    {
        using var tokens = new PrivyTokenFactory();
        var token = tokens.Create(subject: "did:privy:stranded");
        var privy = PrivyFlags(tokens);
        using var zones = await ZonePair.StartAsync([.. privy, "--Hyperscape:Zones:Lease=00:00:12"]);
        try
        {
            long characterId;
            ItemStack[] carried;
            await using (var stranded = await TestClient.ConnectAsync(zones.Socket(1)))
            {
                await stranded.HelloAsync(token);
                await stranded.CreateAndSelectAsync("Stranded");
                characterId = stranded.CharacterId;
                carried = await stranded.WaitForAsync(c => c.World?.Inventory, "the inventory");
                await zones.Processes[0]!.KillAsync();
            }

            // Zone 1 died holding the character. Once zone 2 knows (a few seconds of missed probes),
            // it refuses the character while zone 1's lease (12 s here) runs, then takes it, at zone
            // 2's tile nearest to where it stood.
            var died = DateTime.UtcNow;
            using (var http = new HttpClient())
            {
                while (await HealthAsync(http, zones.Http(2)) != "Degraded")
                {
                    Assert.That(DateTime.UtcNow - died, Is.LessThan(Crossing), "zone 2 notices zone 1 is gone");
                    await Task.Delay(200);
                }
            }

            var refusals = 0;
            while (true)
            {
                var client = await TestClient.ConnectAsync(zones.Socket(2));
                await client.HelloAsync(token);
                await client.SendAsync(w => ClientMessages.SelectCharacter(w, characterId));
                await client.WaitUntilAsync(c => c.Messages(MessageType.EnteredWorld).Count > 0 || c.Messages(MessageType.Error).Count > 0 || c.Messages(MessageType.ZoneChange).Count > 0, "an answer", Crossing);
                if (client.Messages(MessageType.EnteredWorld).Count > 0)
                {
                    await using (client)
                    {
                        Assert.That(await client.WaitForAsync(c => c.World?.Inventory, "the inventory"), Is.EqualTo(carried), "everything it carried");
                        var (x, _) = await OwnPositionAsync(client);
                        Assert.That(x, Is.EqualTo(ZonePair.Border), "on zone 2's tile nearest to the spawn it stood on");
                    }

                    break;
                }

                Assert.That(client.Messages(MessageType.ZoneChange), Is.Empty, "never sent to the dead zone");
                Assert.That(client.Messages(MessageType.Error)[0].Text(2), Does.Contain("held by zone 1, which is not running"));
                refusals++;
                await client.DisposeAsync();
                Assert.That(DateTime.UtcNow - died, Is.LessThan(TimeSpan.FromSeconds(40)), "the lease is 12 s: it must not take this long");
                await Task.Delay(500);
            }

            Assert.That(refusals, Is.GreaterThan(0), "refused while the dead zone's lease ran");
            Assert.That((await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId))).Zone, Is.EqualTo(2));
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    private static string[] PrivyFlags(PrivyTokenFactory tokens) =>
        [$"--Hyperscape:Privy:AppId={PrivyTokenFactory.AppId}", $"--Hyperscape:Privy:VerificationKey={tokens.PublicKeyPem}"];

    /// <summary>Logs a Privy user's character in at zone 1, following the server to the zone it belongs to; the client and that zone.</summary>
    private static async Task<(TestClient Client, int Zone)> LogInAsync(ZonePair zones, string token, long characterId)
    {
        var address = zones.Socket(1);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var client = await TestClient.ConnectAsync(address);
            await client.HelloAsync(token);
            await client.SendAsync(w => ClientMessages.SelectCharacter(w, characterId));
            await client.WaitUntilAsync(c => c.Messages(MessageType.EnteredWorld).Count > 0 || c.Messages(MessageType.ZoneChange).Count > 0, "in the world or sent elsewhere", Crossing);
            if (client.Messages(MessageType.ZoneChange) is [var change, ..])
            {
                address = new Uri(change.Text(2)!);
                await client.DisposeAsync();
                continue;
            }

            return (client, address == zones.Socket(1) ? 1 : 2);
        }

        throw new InvalidOperationException("Sent from zone to zone without end.");
    }

    private static async Task<string> HealthAsync(HttpClient http, Uri zone)
    {
        using var response = await http.GetAsync(new Uri(zone, "healthz"));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<int> OnlineAsync(ZonePair zones)
    {
        using var http = new HttpClient();
        var one = await http.GetFromJsonAsync<JsonElement>(new Uri(zones.Http(1), "stats"));
        var two = await http.GetFromJsonAsync<JsonElement>(new Uri(zones.Http(2), "stats"));
        return one.GetProperty("online").GetInt32() + two.GetProperty("online").GetInt32();
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
