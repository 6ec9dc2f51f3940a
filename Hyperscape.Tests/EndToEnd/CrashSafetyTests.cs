using System.Net.Http.Json;
using System.Text.Json;
using Hyperscape.Benchmarks.Load;
using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Persistence;
using Hyperscape.Tests.Authentication;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// The server process is killed hard (SIGKILL) in the middle of streams of trades, of drops and
/// pickups, of bank deposits and withdrawals, and of sales to a shop and purchases back, and right
/// after a death. What was acknowledged to a client must be in the database, nothing may be
/// duplicated, and every item is still somewhere: in an inventory, worn, banked, in a gravestone,
/// or on the ground.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CrashSafetyTests
{
    private static readonly string[] Flags =
    [
        "--Hyperscape:FrameInterval=00:00:00.005",
        "--Hyperscape:World:SpawnNpcs=false",
        "--Hyperscape:World:SpawnGroundItems=false",
        "--Logging:LogLevel:Default=Warning",
    ];

    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder("crash");

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task A_hard_kill_loses_nothing_acknowledged_and_duplicates_nothing()
    {
        var database = _folder.File("crash.db");
        string[] flags = [.. Flags.Where(f => !f.Contains("SpawnNpcs", StringComparison.Ordinal)), $"--Hyperscape:World:Content={ShopkeeperOnlyWorld()}"];
        long giverId, takerId, juggler, bankerId, shopperId;
        int giverAcked, takerAcked, shopperAcked;
        using (var server = await ServerProcess.StartAsync(database, flags))
        {
            await using var giver = await TestClient.EnterAsync(server.Socket, "Giver");
            await using var taker = await TestClient.EnterAsync(server.Socket, "Taker");
            await using var juggle = await TestClient.EnterAsync(server.Socket, "Juggler");
            await using var banker = await TestClient.EnterAsync(server.Socket, "Banker");
            await using var shopper = await TestClient.EnterAsync(server.Socket, "Shopper");
            (giverId, takerId, juggler, bankerId, shopperId) = (giver.CharacterId, taker.CharacterId, juggle.CharacterId, banker.CharacterId, shopper.CharacterId);

            _trades = _cycles = _banked = _shopped = 0;
            using var stop = new CancellationTokenSource();
            var trading = TradeOneCoinAtATimeAsync(giver, taker, stop.Token);
            var juggling = Task.WhenAll(DropAndPickUpAsync(juggle, stop.Token), BankAndWithdrawAsync(banker, stop.Token), SellAndBuyBackAsync(shopper, stop.Token));

            // Kill once the streams are well under way, without waiting for any to pause.
            await UntilAsync(() => Volatile.Read(ref _trades) >= 3 && Volatile.Read(ref _cycles) >= 3 && Volatile.Read(ref _banked) >= 3 && Volatile.Read(ref _shopped) >= 3, trading, juggling, stop);
            lock (AckGate)
            {
                // Inventories shown to clients were held back until committed: these are acknowledged.
                giverAcked = Coins(giver);
                takerAcked = Coins(taker);
                shopperAcked = ShopOperations(Shrimps(shopper), Coins(shopper));
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(Swallow(trading), Swallow(juggling));
            Assert.That(giverAcked, Is.LessThan(25));
        }

        await AssertConservedAsync(database, [giverId, takerId, juggler, bankerId], giverAcked, takerAcked);
        await AssertShopperAsync(database, shopperId, shopperAcked);

        // The server comes back on the same file (ground items restored) and stops cleanly on SIGTERM.
        using (var again = await ServerProcess.StartAsync(database, flags))
        {
            await using (var giver = await TestClient.ConnectAsync(again.Socket))
            {
                await giver.HelloAsync();
            }

            Assert.That(await again.TerminateAsync(TimeSpan.FromSeconds(60)), Is.Zero, again.Output);
            Assert.That(again.Output, Does.Contain("Everyone is saved"));
        }

        await AssertConservedAsync(database, [giverId, takerId, juggler, bankerId], giverAcked, takerAcked);
        await AssertShopperAsync(database, shopperId, shopperAcked);
    }

    [Test]
    public async Task A_drop_not_yet_durable_was_shown_to_nobody_and_is_undone_by_a_hard_kill()
    {
        var database = _folder.File("stall.db");
        long dropperId;
        using (var server = await ServerProcess.StartAsync(database, Flags))
        {
            await using var dropper = await TestClient.EnterAsync(server.Socket, "Dropper");
            await using var watcher = await TestClient.EnterAsync(server.Socket, "Watcher");
            dropperId = dropper.CharacterId;
            await watcher.WaitUntilAsync(c => c.World!.Entities.ContainsKey(dropper.NetworkId), "the dropper in view");
            var coins = await dropper.WaitForValueAsync(c => c.World!.Inventory is { } inv ? (int?)Array.FindIndex(inv, s => s.ItemId == ItemIds.Coins) : null, "the dropper's coins");

            // Another process holds SQLite's write lock: the drop cannot commit.
            await using var blocker = new Microsoft.Data.Sqlite.SqliteConnection(DatabaseSettings.ForSqliteFile(database).ConnectionString);
            await blocker.OpenAsync();
            await using var lockHeld = blocker.BeginTransaction(deferred: false);
            await dropper.ActAsync(ActionKind.Drop, slot: coins);
            await TicksAsync(server, 30);

            Assert.Multiple(() =>
            {
                Assert.That(Coins(dropper), Is.EqualTo(25), "the dropper was never shown the drop");
                Assert.That(dropper.World!.Entities.Values.Any(e => e.Kind == WireEntityKind.GroundItem), Is.False);
                Assert.That(watcher.World!.Entities.Values.Any(e => e.Kind == WireEntityKind.GroundItem), Is.False, "nor was anyone else");
            });

            await server.KillAsync();
            await lockHeld.RollbackAsync();
        }

        await using var connections = new ConnectionFactory(DatabaseSettings.ForSqliteFile(database));
        var store = new SqlGameStore(connections);
        var stored = (await store.LoadAsync(dropperId))!.State;
        Assert.That(InventoryRules.CountOf(stored.Inventory, ItemIds.Coins), Is.EqualTo(25), "the drop never happened, as far as anyone saw");
        Assert.That(await store.LoadGroundItemsAsync(), Is.Empty);
    }

    [Test]
    public async Task A_gravestone_survives_a_hard_kill_exactly_once_and_its_owner_loots_it_after_the_restart()
    {
        var database = _folder.File("grave.db");
        using var tokens = new PrivyTokenFactory();
        var token = tokens.Create(subject: "did:privy:mortal");
        string[] privy = [$"--Hyperscape:Privy:AppId={PrivyTokenFactory.AppId}", $"--Hyperscape:Privy:VerificationKey={tokens.PublicKeyPem}"];
        string[] deadly = [.. Flags.Where(f => !f.Contains("SpawnNpcs", StringComparison.Ordinal)), .. privy, $"--Hyperscape:World:Content={WorldWithOnly("moss_giant", "deadly", 130, 128)}"];
        string[] safe = [.. Flags, .. privy, $"--Hyperscape:World:Content={ShopkeeperOnlyWorld()}"];
        long characterId, graveId;
        Dictionary<int, long> kit;
        using (var server = await ServerProcess.StartAsync(database, deadly))
        {
            await using var mortal = await TestClient.ConnectAsync(server.Socket);
            await mortal.HelloAsync(token);
            await mortal.CreateAndSelectAsync("Mortal");
            characterId = mortal.CharacterId;
            kit = Totals(await mortal.WaitForAsync(c => c.World!.Inventory, "the starter kit"));

            // The giant is aggressive and hits a level-3 player hard. The gravestone's event is held
            // until the death is durable: once the owner hears of it, the kill comes at once.
            var created = await mortal.WaitForValueAsync<GameEvent>(c => c.World!.Events.FirstOrDefault(e => e.Kind == GameEventKind.GravestoneCreated) is { Kind: GameEventKind.GravestoneCreated } e ? (GameEvent?)e : null,
                "a death and its gravestone", TimeSpan.FromSeconds(90));
            graveId = created.Other;
            await server.KillAsync();
        }

        await using (var connections = new ConnectionFactory(DatabaseSettings.ForSqliteFile(database)))
        {
            var store = new SqlGameStore(connections);
            var grave = (await store.LoadGravestonesAsync()).Single();
            Assert.That((grave.Id, grave.CharacterId), Is.EqualTo((graveId, characterId)));
            Assert.That(Totals([.. grave.Items]), Is.EquivalentTo(kit), "everything the player carried is in it");
            Assert.That(grave.BreaksIn, Is.GreaterThan(TimeSpan.Zero));
            var stored = (await store.LoadAsync(characterId))!.State;
            Assert.That(Totals([.. stored.Inventory.Slots, .. stored.Equipment.Slots]), Is.Empty, "and nothing is left on the player");
            Assert.That(await store.IsDeathRecordedAsync(grave.DeathId), Is.True, "the death lock holds the death");
        }

        // Back without the giant: the gravestone stands again, once, for its owner to loot.
        using (var server = await ServerProcess.StartAsync(database, safe))
        {
            Assert.That(server.Output, Does.Contain("and 1 gravestones restored"));
            await using var mortal = await TestClient.ConnectAsync(server.Socket);
            await mortal.HelloAsync(token);
            await mortal.SelectAsync(characterId);
            await mortal.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.GravestoneCreated && e.Other == graveId), "a reminder of the gravestone");
            var stone = await mortal.WaitForAsync(c => c.World!.Entities.GetValueOrDefault(graveId), "the gravestone in view");
            Assert.That(stone.Kind, Is.EqualTo(WireEntityKind.Gravestone));
            await mortal.ActAsync(ActionKind.Move, x: stone.X, z: stone.Z);
            await mortal.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var self) && Math.Abs(self.X - stone.X) < 1.5f && Math.Abs(self.Z - stone.Z) < 1.5f, "standing by it");
            await mortal.ActAsync(ActionKind.LootGravestone, target: graveId);
            await mortal.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.GravestoneBroken && e.Other == graveId && e.A == 0), "the emptied gravestone, durable");
            Assert.That(Totals(mortal.World!.Inventory!), Is.EquivalentTo(kit), "the kit is back");
            await server.KillAsync();
        }

        await using (var connections = new ConnectionFactory(DatabaseSettings.ForSqliteFile(database)))
        {
            var store = new SqlGameStore(connections);
            Assert.That(await store.LoadGravestonesAsync(), Is.Empty, "looted once, gone for good");
            var stored = (await store.LoadAsync(characterId))!.State;
            Assert.That(Totals([.. stored.Inventory.Slots, .. stored.Equipment.Slots]), Is.EquivalentTo(kit));
            Assert.That(await store.LoadGroundItemsAsync(), Is.Empty);
        }
    }

    private static Dictionary<int, long> Totals(IEnumerable<ItemStack> stacks) =>
        stacks.Where(s => !s.IsEmpty).GroupBy(s => s.ItemId).ToDictionary(g => g.Key, g => g.Sum(s => (long)s.Quantity));

    /// <summary>A content folder whose world is the default one with one spawn of one NPC type at a tile.</summary>
    private string WorldWithOnly(string npc, string name, int x, int z)
    {
        var world = System.Text.Json.Nodes.JsonNode.Parse(
            GameContent.DefaultFiles[GameContent.WorldFileName],
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        world["npcSpawns"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["npc"] = npc, ["at"] = new System.Text.Json.Nodes.JsonArray(x, z) });
        var folder = _folder.File(name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, GameContent.WorldFileName), world.ToJsonString());
        return folder;
    }

    /// <summary>
    /// A content folder whose world is the default one with only its shopkeeper spawned: the store
    /// is open, and no goblin or wandering cow gets between the other streams and their targets.
    /// </summary>
    private string ShopkeeperOnlyWorld()
    {
        var world = System.Text.Json.Nodes.JsonNode.Parse(
            GameContent.DefaultFiles[GameContent.WorldFileName],
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var spawns = world["npcSpawns"]!.AsArray();
        foreach (var spawn in spawns.Where(s => (string?)s!["npc"] != "shopkeeper").ToList())
        {
            spawns.Remove(spawn);
        }

        var folder = _folder.File("content");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, GameContent.WorldFileName), world.ToJsonString());
        return folder;
    }

    /// <summary>Waits until the server (by its /stats) has run that many more ticks.</summary>
    private static async Task TicksAsync(ServerProcess server, int ticks)
    {
        using var http = new HttpClient { BaseAddress = server.Http };
        async Task<long> TickAsync() => (await http.GetFromJsonAsync<JsonElement>("stats")).GetProperty("tick").GetInt64();
        var until = await TickAsync() + ticks;
        while (await TickAsync() < until)
        {
            await Task.Delay(50);
        }
    }

    private static readonly Lock AckGate = new();
    private static int _banked;
    private static int _cycles;
    private static int _trades;
    private static int _shopped;

    /// <summary>Polls <paramref name="done"/>; a failed stream fails the test at once, with its own reason.</summary>
    private static async Task UntilAsync(Func<bool> done, Task trading, Task juggling, CancellationTokenSource stop)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!done())
        {
            if (trading.IsFaulted || juggling.IsFaulted || DateTime.UtcNow > deadline)
            {
                await stop.CancelAsync();
                await Task.WhenAll(trading, juggling).WaitAsync(TimeSpan.FromSeconds(30));
                throw new TimeoutException($"The streams did not get going: {_trades} trades, {_cycles} cycles, {_banked} bankings, {_shopped} shop operations.");
            }

            await Task.Delay(20);
        }
    }

    private static async Task AssertConservedAsync(string database, long[] characters, int giverAcked, int takerAcked)
    {
        var (giverId, takerId) = (characters[0], characters[1]);
        await using var connections = new ConnectionFactory(DatabaseSettings.ForSqliteFile(database));
        var store = new SqlGameStore(connections);
        var totals = new Dictionary<int, long>();
        var coins = new Dictionary<long, int>();
        foreach (var id in characters)
        {
            var state = (await store.LoadAsync(id))!.State;
            foreach (var stack in state.Inventory.Slots)
            {
                Count(totals, stack);
                coins[id] = coins.GetValueOrDefault(id) + (stack.ItemId == ItemIds.Coins ? stack.Quantity : 0);
            }

            foreach (var stack in state.Equipment.Slots)
            {
                Count(totals, stack);
            }

            foreach (var stack in state.Bank)
            {
                Count(totals, stack);
            }
        }

        foreach (var ground in await store.LoadGroundItemsAsync())
        {
            Count(totals, new ItemStack(ground.ItemId, ground.Quantity));
        }

        Assert.Multiple(() =>
        {
            // Four starter kits, exactly, banked or carried: no item duplicated, none lost.
            Assert.That(totals, Is.EquivalentTo(new Dictionary<int, long>
            {
                [ItemIds.BronzeSword] = 4,
                [ItemIds.WoodenShield] = 4,
                [ItemIds.Shrimps] = 20,
                [ItemIds.Coins] = 100,
                [ItemIds.BronzeAxe] = 4,
                [ItemIds.BronzePickaxe] = 4,
                [ItemIds.SmallFishingNet] = 4,
            }));

            // Coins only ever leave the giver and reach the taker: storage is at least as far along
            // as anything a client was shown.
            Assert.That(coins[giverId], Is.LessThanOrEqualTo(giverAcked));
            Assert.That(coins[takerId], Is.GreaterThanOrEqualTo(takerAcked));
            Assert.That(coins[giverId] + coins[takerId], Is.EqualTo(50), "a trade's two sides commit together");
        });
    }

    /// <summary>
    /// The shopper only ever sells a shrimp (2 coins) and buys one back (5 coins), in turn, from 5
    /// shrimps and 25 coins: what storage holds is a whole number of those steps, at least as many
    /// as the shopper was shown, and the rest of the starter kit is untouched.
    /// </summary>
    private static async Task AssertShopperAsync(string database, long shopperId, int acknowledged)
    {
        await using var connections = new ConnectionFactory(DatabaseSettings.ForSqliteFile(database));
        var state = (await new SqlGameStore(connections).LoadAsync(shopperId))!.State;
        var totals = new Dictionary<int, long>();
        foreach (var stack in state.Inventory.Slots)
        {
            Count(totals, stack);
        }

        var shrimps = (int)totals.GetValueOrDefault(ItemIds.Shrimps);
        var coins = (int)totals.GetValueOrDefault(ItemIds.Coins);
        var operations = ShopOperations(shrimps, coins);
        Assert.Multiple(() =>
        {
            Assert.That(operations, Is.GreaterThanOrEqualTo(acknowledged), $"storage ({shrimps} shrimps, {coins} coins) is as far along as the shopper was shown");
            Assert.That(totals.Where(t => t.Key is not ItemIds.Shrimps and not ItemIds.Coins), Is.EquivalentTo(new Dictionary<int, long>
            {
                [ItemIds.BronzeSword] = 1,
                [ItemIds.WoodenShield] = 1,
                [ItemIds.BronzeAxe] = 1,
                [ItemIds.BronzePickaxe] = 1,
                [ItemIds.SmallFishingNet] = 1,
            }));
        });
    }

    /// <summary>How many sales and purchases lead from 5 shrimps and 25 coins to these; fails on a state no whole number of them reaches.</summary>
    private static int ShopOperations(int shrimps, int coins)
    {
        // After n sales and n purchases: 5 shrimps, 25 − 3n coins; after one more sale: 4, 27 − 3n.
        var rounds = shrimps == 5 ? (25 - coins) / 3 : (27 - coins) / 3;
        var expected = shrimps == 5 ? 25 - (3 * rounds) : 27 - (3 * rounds);
        Assert.That(shrimps is 4 or 5 && rounds >= 0 && coins == expected, Is.True, $"{shrimps} shrimps and {coins} coins are not a whole number of sales and purchases");
        return (2 * rounds) + (shrimps == 4 ? 1 : 0);
    }

    private static void Count(Dictionary<int, long> totals, ItemStack stack)
    {
        if (!stack.IsEmpty)
        {
            totals[stack.ItemId] = totals.GetValueOrDefault(stack.ItemId) + stack.Quantity;
        }
    }

    private static async Task TradeOneCoinAtATimeAsync(TestClient giver, TestClient taker, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (Coins(giver) == 0)
            {
                // All 25 given before the slower streams got going (a loaded machine): wait for the kill.
                await Task.Delay(Timeout.Infinite, stop);
            }

            var coinsSlot = await giver.WaitForValueAsync(c => c.World!.Inventory is { } inv ? (int?)Array.FindIndex(inv, s => s.ItemId == ItemIds.Coins) : null, "the giver's coins");
            var before = await taker.WaitForValueAsync(c => c.World!.Inventory is null ? null : (int?)Coins(c), "the taker's inventory");
            var giverMark = giver.World!.Events.Count;
            var takerMark = taker.World!.Events.Count;

            await giver.ActAsync(ActionKind.TradeRequest, target: taker.NetworkId);
            await taker.WaitUntilAsync(c => Since(c, takerMark).Any(e => e.Kind == GameEventKind.TradeRequested), "the trade request");
            await taker.ActAsync(ActionKind.TradeRequest, target: giver.NetworkId);
            await giver.WaitUntilAsync(c => Since(c, giverMark).Any(e => e.Kind == GameEventKind.TradeOpened), "the trade screen");
            await giver.ActAsync(ActionKind.TradeOffer, slot: coinsSlot, quantity: 1);
            await taker.WaitUntilAsync(c => Since(c, takerMark).Any(e => e.Kind == GameEventKind.TradeUpdated), "the offer");
            await giver.ActAsync(ActionKind.TradeAccept);
            await taker.ActAsync(ActionKind.TradeAccept);
            await giver.WaitUntilAsync(c => Since(c, giverMark).Any(e => e.Kind == GameEventKind.TradeUpdated && e.A == 2), "the confirmation screen");
            await giver.ActAsync(ActionKind.TradeAccept);
            await taker.ActAsync(ActionKind.TradeAccept);
            await taker.WaitUntilAsync(c => Coins(c) == before + 1, "the coin arriving");
            Interlocked.Increment(ref _trades);
        }
    }

    /// <summary>
    /// Walks to the bank booth east of the spawn, opens the bank, then moves shrimps in and out
    /// one at a time, each move waiting for what the server shows.
    /// </summary>
    private static async Task BankAndWithdrawAsync(TestClient banker, CancellationToken stop)
    {
        var booth = await banker.WaitForValueAsync(c => c.World!.Entities.Where(e => e.Value.Kind == WireEntityKind.Object && e.Value.TypeId == (int)WorldObjectKind.BankBooth).Select(e => (long?)e.Key).FirstOrDefault(), "a bank booth in view");
        await banker.ActAsync(ActionKind.Move, x: 134, z: 128);
        await banker.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var me) && me.X == 134 && me.Z == 128, "beside the bank");
        await banker.ActAsync(ActionKind.Interact, target: booth);
        await banker.WaitUntilAsync(c => c.World!.Bank is not null, "the bank open");
        while (!stop.IsCancellationRequested)
        {
            var slot = await banker.WaitForValueAsync(c => c.World!.Inventory is { } inv && Array.FindIndex(inv, s => s.ItemId == ItemIds.Shrimps) is var i and >= 0 ? (int?)i : null, "shrimps to bank");
            var carried = Shrimps(banker);
            await banker.ActAsync(ActionKind.BankDeposit, slot: slot, quantity: 1);
            await banker.WaitUntilAsync(c => Shrimps(c) == carried - 1, "a shrimp banked");
            var bankSlot = await banker.WaitForValueAsync(c => c.World!.Bank is { } bank && Array.FindIndex(bank, s => s.ItemId == ItemIds.Shrimps) is var i and >= 0 ? (int?)i : null, "shrimps in the bank");
            await banker.ActAsync(ActionKind.BankWithdraw, slot: bankSlot, quantity: 1);
            await banker.WaitUntilAsync(c => Shrimps(c) == carried, "the shrimp back");
            Interlocked.Increment(ref _banked);
        }
    }

    /// <summary>
    /// Opens the general store (following its shopkeeper, who wanders) and sells it a shrimp, then
    /// buys one back, one at a time, each step waiting for what the server shows. A refusal (the
    /// shopkeeper walked out of reach, or the coins ran out) reopens the store and tries again.
    /// </summary>
    private static async Task SellAndBuyBackAsync(TestClient shopper, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var mark = shopper.World!.Events.Count;
            if (shopper.World.Shop is not { } shop)
            {
                var keeper = await shopper.WaitForValueAsync(c => c.World!.Entities.Where(e => e.Value.Kind == WireEntityKind.Npc && e.Value.TypeId == NpcIds.Shopkeeper).Select(e => (long?)e.Key).FirstOrDefault(), "the shopkeeper in view");
                var at = shopper.World.Entities[keeper];
                await shopper.ActAsync(ActionKind.Move, x: MathF.Floor(at.X), z: MathF.Floor(at.Z) + 1);
                try
                {
                    await shopper.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var me) && Math.Abs(me.X - MathF.Floor(at.X)) < 1 && Math.Abs(me.Z - MathF.Floor(at.Z) - 1) < 1, "beside the shopkeeper", TimeSpan.FromSeconds(15));
                }
                catch (TimeoutException)
                {
                    // In one full run the shopper never got beside where the keeper had stood (the
                    // cause was not found; alone the test passes): find the keeper again, walk anew.
                    continue;
                }

                await shopper.ActAsync(ActionKind.Interact, target: keeper);
                await shopper.WaitUntilAsync(c => c.World!.Shop is not null || Refused(c, mark), "the store open");
                continue;
            }

            var shrimps = Shrimps(shopper);
            if (shrimps == 5)
            {
                await shopper.ActAsync(ActionKind.ShopSell, slot: Array.FindIndex(shopper.World.Inventory!, s => s.ItemId == ItemIds.Shrimps), quantity: 1);
            }
            else
            {
                await shopper.ActAsync(ActionKind.ShopBuy, slot: Array.FindIndex(shop.Lines, l => l.Item == ItemIds.Shrimps), quantity: 1);
            }

            await shopper.WaitUntilAsync(c => Shrimps(c) != shrimps || Refused(c, mark), "a shrimp sold or bought");
            if (Shrimps(shopper) != shrimps)
            {
                Interlocked.Increment(ref _shopped);
            }
            else
            {
                await shopper.ActAsync(ActionKind.ShopClose);
                await shopper.WaitUntilAsync(c => c.World!.Shop is null, "the store closed");
            }
        }

        static bool Refused(TestClient c, int mark) => Since(c, mark).Any(e => e.Kind == GameEventKind.ActionRejected);
    }

    private static int Shrimps(TestClient c) => c.World!.Inventory!.Count(s => s.ItemId == ItemIds.Shrimps);

    private static async Task DropAndPickUpAsync(TestClient juggler, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var slot = await juggler.WaitForValueAsync(c => c.World!.Inventory is { } inv && Array.FindIndex(inv, s => s.ItemId == ItemIds.Coins) is var i and >= 0 ? (int?)i : null, "coins to drop");
            await juggler.ActAsync(ActionKind.Drop, slot: slot);
            var pile = await juggler.WaitForValueAsync(
                c => Coins(c) == 0 ? c.World!.Entities.Where(e => e.Value.Kind == WireEntityKind.GroundItem && e.Value.TypeId == ItemIds.Coins).Select(e => (long?)e.Key).FirstOrDefault() : null,
                "the coins on the ground");
            await juggler.ActAsync(ActionKind.Pickup, target: pile);
            await juggler.WaitUntilAsync(c => Coins(c) == 25, "the coins picked up");
            Interlocked.Increment(ref _cycles);
        }
    }

    private static IEnumerable<GameEvent> Since(TestClient client, int mark) => client.World!.Events.Skip(mark);

    private static int Coins(TestClient client) =>
        client.World?.Inventory?.Where(s => s.ItemId == ItemIds.Coins).Sum(s => s.Quantity) ?? -1;

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // The server was killed under the stream: its end is expected to be abrupt.
        }
    }
}
