using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

public class NetworkSyncTests
{
    [Test]
    public void Clients_track_the_server_through_movement_combat_death_and_view_changes()
    {
        var random = new Random(17);
        var npcs = Enumerable.Range(0, 40).Select(i => new NpcSpawnPoint(
            (i % 3) switch { 0 => NpcIds.Goblin, 1 => NpcIds.Cow, _ => NpcIds.Chicken },
            new Tile(random.Next(5, 91), random.Next(5, 91)))).ToList();
        var world = new SyncWorld(96, npcs);
        var players = new List<long>();
        for (var i = 1; i <= 16; i++)
        {
            var weak = i % 3 == 0;
            players.Add(world.Join(new Tile(random.Next(10, 86), random.Next(10, 86)), i, s => s with
            {
                Health = weak ? new Health(3, 10) : new Health(10, 10),
                Inventory = SimulationHarnessInventory(i),
            }));
        }

        world.Tick();
        var clients = players.Take(10).Select((id, i) => world.Connect(i + 1, id)).ToList();

        var died = 0;
        for (var tick = 0; tick < 150; tick++)
        {
            foreach (var fighter in players.Take(6))
            {
                // Fighters stay and pick fights with NPCs; the rest roam.
                if (random.Next(4) == 0)
                {
                    world.Enqueue(PlayerAction.Attack(fighter, random.Next(1, 41)));
                }
            }

            foreach (var player in players.Skip(6))
            {
                switch (random.Next(10))
                {
                    case 0 or 1 or 2:
                        world.Enqueue(PlayerAction.Move(player, random.Next(2, 94), random.Next(2, 94)));
                        break;
                    case 3:
                        world.Enqueue(PlayerAction.Attack(player, random.Next(1, 60)));
                        break;
                    case 4:
                        world.Enqueue(PlayerAction.Drop(player, random.Next(0, 28)));
                        break;
                    case 5:
                        world.Enqueue(PlayerAction.Emote(player, random.Next(1, 10)));
                        break;
                    case 6:
                        world.Enqueue(PlayerAction.SetRun(player, random.Next(2) == 0));
                        break;
                    case 7:
                        world.Enqueue(PlayerAction.SetAutoRetaliate(player, random.Next(2) == 0));
                        break;
                    case 8:
                        world.Enqueue(PlayerAction.SetAttackStyle(player, random.Next(0, 4)));
                        break;
                    case 9:
                        world.Enqueue(PlayerAction.TogglePrayer(player, Prayer.ThickSkin, random.Next(2) == 0));
                        break;
                }
            }

            world.Tick();
            died += world.Simulation.Events.ToArray().Count(e => e.Kind == GameEventKind.Died);
            world.Frames();
            foreach (var client in clients)
            {
                world.AssertClientMatchesServer(client, $"tick {world.Simulation.Tick}");
            }
        }

        Assert.That(clients.Sum(c => c.Events.Count(e => e.Kind == GameEventKind.Damage)), Is.GreaterThan(0), "damage was seen");
        Assert.That(died, Is.GreaterThan(0), "things died");
        Assert.That(clients.Sum(c => c.Events.Count(e => e.Kind == GameEventKind.Died)), Is.GreaterThan(0), "and clients saw it");
        Assert.That(clients.Sum(c => c.Events.Count(e => e.Kind == GameEventKind.ActionRejected)), Is.GreaterThan(0), "own rejections arrive");
        Assert.That(world.Sync.Statistics.EntriesSent, Is.GreaterThan(0));
    }

    [Test]
    public void A_full_view_keeps_the_nearest_entities_and_makes_room_for_newcomers()
    {
        // 40 cows in range of a view of 10: whatever order the grid offers them in, the client
        // must end up with the nearest, and a player walking up next to it must get in.
        var random = new Random(5);
        var cows = Enumerable.Range(0, 40).Select(_ => new NpcSpawnPoint(NpcIds.Cow, new Tile(32 + random.Next(-14, 15), 32 + random.Next(-14, 15)))).ToList();
        var world = new SyncWorld(64, cows, new SyncOptions { MaxVisiblePerClient = 10, InterestGroups = 1 });
        var player = world.Join(new Tile(32, 32), 1);
        world.Tick();
        var client = world.Connect(1, player);
        world.Frames();
        world.Tick();
        world.Frames();
        AssertNearestWin(world, client, player);

        var newcomer = world.Join(new Tile(33, 32), 2);
        world.Tick();
        world.Frames();
        world.Tick();
        world.Frames();

        Assert.That(client.Entities.ContainsKey(newcomer), Is.True, "a player standing next to a crowded client is seen");
        AssertNearestWin(world, client, player);
    }

    [Test]
    public void A_crowded_view_looks_only_as_far_as_its_nearest_fill_and_all_the_way_out_once_the_crowd_leaves()
    {
        // 40 players packed round the observer fill a view of 20; 12 more stand 10 to 14 tiles
        // out. In the crowd the view holds the nearest; when the crowd walks off, the view must
        // reach out again for the ring it stopped looking at.
        var options = new SyncOptions { MaxVisiblePerClient = 20, InterestGroups = 1 };
        var world = new SyncWorld(96, [], options);
        var observer = world.Join(new Tile(32, 32), 1);
        var crowd = Enumerable.Range(0, 40).Select(i => world.Join(new Tile(30 + (i % 5), 30 + (i / 5 % 5)), 100 + i)).ToList();
        var ring = Enumerable.Range(0, 12).Select(i => world.Join(new Tile(32 + 10 + (i % 5), 32 - 6 + i), 200 + i)).ToList();
        world.Tick();
        var client = world.Connect(1, observer);
        for (var round = 0; round < 3; round++)
        {
            world.Frames();
            world.Tick();
        }

        world.Frames();
        AssertNearestWin(world, client, observer, options.MaxVisiblePerClient);
        Assert.That(ring.Where(client.Entities.ContainsKey), Is.Empty, "the ring is farther than a full view of the crowd");

        foreach (var player in crowd)
        {
            world.Enqueue(PlayerAction.SetRun(player, true));
            world.Enqueue(PlayerAction.Move(player, 80, 80));
        }

        for (var round = 0; round < 30; round++)
        {
            world.Frames();
            world.Tick();
            foreach (var player in crowd)
            {
                world.Enqueue(PlayerAction.Move(player, 80, 80));
            }
        }

        world.Frames();
        world.AssertClientMatchesServer(client, "after the crowd left");
        Assert.That(ring.Where(client.Entities.ContainsKey).Count(), Is.EqualTo(ring.Count), "the ring is seen once the crowd is gone");
        Assert.That(crowd.Where(client.Entities.ContainsKey), Is.Empty, "the crowd is out of range");
    }

    private static void AssertNearestWin(SyncWorld world, ReferenceClient client, long player, int capacity = 10)
    {
        var entities = world.ServerEntities();
        var center = entities.Single(e => e.Id == player).Tile;
        var inRange = entities.Where(e => e.Tile.DistanceTo(center) <= SyncOptions.Default.ViewRadius).ToList();
        var seen = inRange.Where(e => client.Entities.ContainsKey(e.Id)).Select(e => e.Tile.DistanceTo(center)).ToList();
        var unseen = inRange.Where(e => !client.Entities.ContainsKey(e.Id)).Select(e => e.Tile.DistanceTo(center)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(inRange, Has.Count.GreaterThan(capacity), "the test needs a crowd");
            Assert.That(client.Entities, Has.Count.EqualTo(capacity));
            Assert.That(client.Entities.ContainsKey(player), Is.True);
            Assert.That(seen.Max(), Is.LessThanOrEqualTo(unseen.Min()), "nothing left out is nearer than something shown");
        });
    }

    [Test]
    public void Slow_drift_is_sent_once_it_adds_up_to_the_threshold()
    {
        // One interest group: every frame refreshes every client, so each frame shows the threshold.
        var world = new SyncWorld(64, [new NpcSpawnPoint(NpcIds.Cow, new Tile(30, 30))], new SyncOptions { InterestGroups = 1 });
        var player = world.Join(new Tile(32, 32), 1);
        world.Tick();
        var client = world.Connect(1, player);
        world.Frames(2);
        world.Simulation.Context.TryResolve(client.Entities.Keys.Single(k => k != player), out var cow);
        var cowId = client.Entities.Keys.Single(k => k != player);
        var start = client.Entities[cowId].X;

        var sent = new List<float>();
        for (var step = 1; step <= 8; step++)
        {
            world.World.Get<Position>(cow).X += 0.04f;
            world.Frames(1);
            sent.Add(client.Entities[cowId].X - start);
        }

        // 0.04, 0.08 stay below 0.1; 0.12 goes out; 0.16, 0.20 stay below 0.1 from 0.12; 0.24 goes...
        Assert.That(sent.Select(s => MathF.Round(s, 2)), Is.EqualTo(new[] { 0f, 0f, 0.12f, 0.12f, 0.12f, 0.24f, 0.24f, 0.24f }));
    }

    [Test]
    public void Staggered_interest_reaches_every_client_within_one_round_of_groups()
    {
        var options = new SyncOptions { InterestGroups = 3 };
        var world = new SyncWorld(64, [], options);
        var players = Enumerable.Range(1, 6).Select(i => world.Join(new Tile(20 + i, 20), i)).ToList();
        world.Tick();
        var clients = players.Select((p, i) => world.Connect(i + 1, p)).ToList();
        world.Frames(2);

        world.Enqueue(PlayerAction.Move(players[0], 21, 30));
        var caughtUp = new int[clients.Count];
        for (var frame = 1; frame <= options.InterestGroups; frame++)
        {
            // The first frame of the round is the tick's own.
            if (frame == 1)
            {
                world.Frames();
                world.Tick();
            }
            else
            {
                world.Frames(1);
            }

            var target = world.ServerEntities().Single(e => e.Id == players[0]).Tile;
            for (var c = 0; c < clients.Count; c++)
            {
                var known = clients[c].Entities[players[0]];
                if (caughtUp[c] == 0 && (int)known.Z == target.Z)
                {
                    caughtUp[c] = frame;
                }
            }
        }

        Assert.That(caughtUp, Has.All.InRange(1, options.InterestGroups), "each group within the round");
        Assert.That(caughtUp.Distinct().Count(), Is.EqualTo(options.InterestGroups), "and the groups really are spread");
    }

    [Test]
    public void Under_heavy_load_packets_stay_in_budget_and_nothing_starves()
    {
        var npcs = Enumerable.Range(0, 250).Select(i => new NpcSpawnPoint(NpcIds.Cow, new Tile(10 + (i % 16), 10 + (i / 16)))).ToList();
        var world = new SyncWorld(64, npcs);
        var player = world.Join(new Tile(18, 18), 1);
        world.Tick();
        var client = world.Connect(1, player);
        world.Frames(30);
        Assert.That(client.Entities, Has.Count.EqualTo(251), "everything in view arrived");

        // Every NPC keeps moving (up to 0.3 a frame): far more change than one packet a frame carries.
        var cows = world.ServerEntities().Where(e => e.Id != player).ToList();
        var homes = cows.ToDictionary(c => c.Id, c => world.World.GetReadOnly<Position>(c.Entity).X);
        var staleRun = cows.ToDictionary(c => c.Id, _ => 0);
        var worstRun = 0;
        for (var frame = 0; frame < 120; frame++)
        {
            foreach (var (id, cow, _) in cows)
            {
                world.World.Get<Position>(cow).X = homes[id] + (2f * MathF.Sin((frame + id) * 0.15f));
            }

            world.Frames(1);
            foreach (var (id, cow, _) in cows)
            {
                // Stale: the client's copy is off by more than the threshold it is allowed.
                var error = MathF.Abs(world.World.GetReadOnly<Position>(cow).X - client.Entities[id].X);
                staleRun[id] = error >= world.Sync.Options.PositionThreshold ? staleRun[id] + 1 : 0;
                worstRun = Math.Max(worstRun, staleRun[id]);
            }
        }

        Assert.That(world.Sync.Statistics.EntriesDeferred, Is.GreaterThan(0), "the budget really was exceeded");
        Assert.That(worstRun, Is.LessThanOrEqualTo(16), "no entity stays stale for more than 16 frames");
    }

    [Test]
    public void Private_state_goes_only_to_its_owner_and_disconnect_frees_the_client()
    {
        var world = new SyncWorld(64, []);
        var alice = world.Join(new Tile(20, 20), 1, s => s with { Inventory = SimulationHarnessInventory(1) });
        var bob = world.Join(new Tile(22, 20), 2, s => s with { Inventory = SimulationHarnessInventory(2) });
        world.Tick();
        var aliceClient = world.Connect(1, alice);
        var bobClient = world.Connect(2, bob);
        world.Frames(2);

        world.AssertClientMatchesServer(aliceClient, "alice");
        world.AssertClientMatchesServer(bobClient, "bob");
        Assert.That(aliceClient.Inventory, Is.Not.EqualTo(bobClient.Inventory));

        world.Enqueue(PlayerAction.Drop(bob, 0));
        world.Tick();
        world.Frames();
        world.AssertClientMatchesServer(aliceClient, "after bob drops");
        world.AssertClientMatchesServer(bobClient, "after bob drops");
        Assert.That(aliceClient.Events.Where(e => e.Kind == GameEventKind.InventoryChanged), Is.Empty, "bob's item change is bob's");

        Assert.That(world.Sync.RemoveClient(2), Is.True);
        world.Router.Clients.Remove(2);
        Assert.That(world.Sync.ClientCount, Is.EqualTo(1));
        world.Enqueue(PlayerAction.Move(bob, 30, 30));
        world.Tick();
        world.Frames();
        Assert.That(world.Sync.RemoveClient(2), Is.False);
    }

    [Test]
    public void The_network_version_counts_the_states_sent_of_an_entity()
    {
        var world = new SyncWorld(64, []);
        var player = world.Join(new Tile(20, 20), 1);
        world.Tick();
        world.Connect(1, player);
        world.Frames(2);
        world.Simulation.Context.TryResolve(player, out var entity);
        var first = world.World.GetReadOnly<NetworkIdentity>(entity).Version;

        world.Frames(3);
        Assert.That(world.World.GetReadOnly<NetworkIdentity>(entity).Version, Is.EqualTo(first), "nothing new, no bump");

        world.Enqueue(PlayerAction.Move(player, 30, 20));
        world.Tick();
        world.Frames();
        Assert.That(world.World.GetReadOnly<NetworkIdentity>(entity).Version, Is.GreaterThan(first));
        Assert.That(first, Is.GreaterThan(0u), "its spawn was a state too");
    }

    [Test]
    public void A_resource_node_is_synced_with_its_type_and_state_and_a_catch_waits_for_storage()
    {
        var spotType = ResourceCatalog.Standard.All.Single(r => r.Key == "net_fishing_spot").Id;
        var spot = new Tile(22, 20);
        var world = new SyncWorld(64, [], new SyncOptions { InterestGroups = 1 }, durable: true, resources: [new ResourceSpawn(spotType, spot, [])]);
        var fisher = world.Join(new Tile(21, 20), 1, s => s with { Inventory = Game.Simulation.SimulationHarness.InventoryOf((ItemIds.SmallFishingNet, 1)) });
        world.Tick();
        var own = world.Connect(1, fisher);
        world.Frames(2);

        var node = own.Entities.Single(e => e.Value.Kind == WireEntityKind.Resource);
        Assert.That((node.Value.TypeId, node.Value.Quantity, node.Value.X, node.Value.Z), Is.EqualTo((spotType, 1, 22f, 20f)), "a resource: its type, workable (1), where it stands");

        world.Enqueue(PlayerAction.Interact(fisher, node.Key));
        long? transaction = null;
        for (var tick = 0; tick < 200 && transaction is null; tick++)
        {
            world.Tick();
            transaction = world.Simulation.ItemTransactions.SingleOrDefault()?.Id;
        }

        Assert.That(transaction, Is.Not.Null, "a shrimp within 200 ticks");
        world.Frames();
        Assert.That(own.Events.Any(e => e.Kind == GameEventKind.Gathered), Is.False, "the catch is not shown before it is durable");
        Assert.That(own.Inventory!.Any(s => s.ItemId == ItemIds.RawShrimps), Is.False);

        world.Confirm(transaction!.Value);
        world.Frames(1);
        var gathered = own.Events.Single(e => e.Kind == GameEventKind.Gathered);
        Assert.That((gathered.Other, gathered.A, gathered.Transaction), Is.EqualTo((node.Key, ItemIds.RawShrimps, transaction.Value)));
        Assert.That(own.Inventory!.Count(s => s.ItemId == ItemIds.RawShrimps), Is.EqualTo(1));
    }

    [Test]
    public void A_depleted_node_shows_quantity_0_to_everyone_who_sees_it()
    {
        var rockType = ResourceCatalog.Standard.All.Single(r => r.Key == "copper_rock").Id;
        var world = new SyncWorld(64, [], new SyncOptions { InterestGroups = 1 }, resources: [new ResourceSpawn(rockType, new Tile(22, 20), [])]);
        var miner = world.Join(new Tile(21, 20), 1, s => s with { Inventory = Game.Simulation.SimulationHarness.InventoryOf((ItemIds.BronzePickaxe, 1)) });
        var watcher = world.Join(new Tile(24, 22), 2);
        world.Tick();
        world.Connect(1, miner);
        var other = world.Connect(2, watcher);
        world.Frames(2);
        var rock = other.Entities.Single(e => e.Value.Kind == WireEntityKind.Resource).Key;

        world.Enqueue(PlayerAction.Interact(miner, rock));
        for (var tick = 0; tick < 100 && !other.Events.Any(e => e.Kind == GameEventKind.ResourceDepleted); tick++)
        {
            world.Tick();
            world.Frames();
        }

        Assert.That(other.Events.Single(e => e.Kind == GameEventKind.ResourceDepleted).Subject, Is.EqualTo(rock), "a rock runs out after one ore, in view of the watcher");
        Assert.That(other.Entities[rock].Quantity, Is.Zero, "and shows empty");
        Assert.That(other.Events.Any(e => e.Kind == GameEventKind.Gathered), Is.False, "another's catch is theirs alone");
        world.AssertClientMatchesServer(other, "after the rock ran out");
    }

    [Test]
    public void The_bank_is_shown_to_its_owner_only_while_open_page_by_page_after_storage_confirms()
    {
        var world = new SyncWorld(64, [], new SyncOptions { InterestGroups = 1 }, durable: true, objects: [new WorldObjectSpawn(WorldObjectKind.BankBooth, new Tile(20, 22))]);
        var stored = Enumerable.Range(0, 300).Select(i => new ItemStack(1000 + i, 1 + i)).ToArray();
        var banker = world.Join(new Tile(20, 20), 1, s => s with { Inventory = SimulationHarnessInventory(1), Bank = stored });
        var watcher = world.Join(new Tile(21, 20), 2);
        world.Tick();
        var own = world.Connect(1, banker);
        var other = world.Connect(2, watcher);
        world.Frames(2);
        var booth = own.Entities.Single(e => e.Value.Kind == WireEntityKind.Object);
        Assert.That((booth.Value.TypeId, booth.Value.X, booth.Value.Z), Is.EqualTo(((int)WorldObjectKind.BankBooth, 20f, 22f)));
        Assert.That(own.Bank, Is.Null, "closed: nothing of the bank is sent");

        world.Enqueue(PlayerAction.Interact(banker, booth.Key));
        world.Tick();
        world.Frames();
        world.Frames();
        Assert.That(own.Bank!.Take(300), Is.EqualTo(stored), "300 slots over several 1,024-byte packets");
        Assert.That(own.Bank!.Skip(300).All(s => s.IsEmpty), Is.True);
        Assert.That(own.BankPages, Is.EqualTo(Ecs.Game.Banking.Bank.PageCount));
        Assert.That(other.Bank, Is.Null, "never anyone else's");
        Assert.That(other.BankPages, Is.Zero);

        // A deposit waits for storage, then only its page goes out.
        world.Enqueue(PlayerAction.BankDeposit(banker, 0, 0));
        world.Tick();
        var transaction = world.Simulation.ItemTransactions.Single();
        Assert.That(transaction.Characters.Single().Bank, Is.Not.Null, "the bank is part of the transaction");
        world.Frames();
        Assert.That(own.Bank!.Any(s => s.ItemId == ItemIds.Coins), Is.False, "not durable yet");
        var pages = own.BankPages;
        world.Confirm(transaction.Id);
        world.Frames(1);
        Assert.That(own.Bank!.Single(s => s.ItemId == ItemIds.Coins).Quantity, Is.EqualTo(100));
        Assert.That(own.BankPages, Is.EqualTo(pages + 1), "one changed page");

        world.Enqueue(PlayerAction.BankClose(banker));
        world.Tick();
        world.Frames();
        Assert.That(own.Bank, Is.Null, "closed");
        Assert.That(own.Events.Select(e => e.Kind), Is.SupersetOf(new[] { GameEventKind.BankOpened, GameEventKind.BankClosed }));
    }

    [Test]
    public void An_open_shop_shows_its_stock_and_prices_to_the_customer_and_follows_every_sale()
    {
        var world = new SyncWorld(64, [new NpcSpawnPoint(NpcIds.Shopkeeper, new Tile(20, 22))], new SyncOptions { InterestGroups = 1 });
        var customer = world.Join(new Tile(20, 21), 1, s => s with { Inventory = SimulationHarnessInventory(1) });
        var rival = world.Join(new Tile(21, 21), 2, s => s with { Inventory = SimulationHarnessInventory(2) });
        world.Tick();
        var own = world.Connect(1, customer);
        var other = world.Connect(2, rival);
        world.Frames(2);
        var keeper = own.Entities.Single(e => e.Value.Kind == WireEntityKind.Npc).Key;

        world.Enqueue(PlayerAction.Interact(customer, keeper));
        world.Enqueue(PlayerAction.Interact(rival, keeper));
        world.Tick();
        world.Frames();
        var general = Ecs.Content.GameContent.Default.World.Shops.All.Single(s => s.General);
        Assert.That(own.Shop!.Value.ShopId, Is.EqualTo(general.Id));
        var axe = own.Shop!.Value.Lines.Single(l => l.Item == ItemIds.BronzeAxe);
        Assert.That(axe, Is.EqualTo((ItemIds.BronzeAxe, 5, 16, 6)), "five in stock, 16 coins each, 6 back");

        // The rival buys two: the customer's screen follows.
        world.Enqueue(PlayerAction.ShopBuy(rival, Array.FindIndex(general.Stock, l => l.ItemId == ItemIds.BronzeAxe), 2));
        world.Tick();
        world.Frames();
        Assert.That(own.Shop!.Value.Lines.Single(l => l.Item == ItemIds.BronzeAxe).Quantity, Is.EqualTo(3));

        world.Enqueue(PlayerAction.ShopClose(customer));
        world.Tick();
        world.Frames();
        Assert.That(own.Shop, Is.Null);
        Assert.That(other.Shop, Is.Not.Null, "the rival still has it open");
    }

    [Test]
    public void A_drop_is_shown_to_nobody_before_storage_confirms_it()
    {
        var (world, player, client, other) = HoldingWorldWithWatcher();
        var before = client.Inventory!;

        world.Enqueue(PlayerAction.Drop(player, 0));
        world.Tick();
        var transaction = world.Simulation.ItemTransactions.Single().Id;
        world.Frames();

        Assert.Multiple(() =>
        {
            Assert.That(client.Inventory, Is.EqualTo(before), "not committed yet: the owner still sees the coins");
            Assert.That(client.Events.Any(e => e.Kind == GameEventKind.InventoryChanged), Is.False);
            Assert.That(client.Entities.Values.Any(e => e.Kind == WireEntityKind.GroundItem), Is.False, "the pile is not on the owner's screen");
            Assert.That(other.Entities.Values.Any(e => e.Kind == WireEntityKind.GroundItem), Is.False, "nor on anyone else's");
            Assert.That(world.Sync.UnconfirmedTransactions, Is.EqualTo(1));
        });

        world.Confirm(transaction);
        world.Frames(1);

        Assert.Multiple(() =>
        {
            Assert.That(client.Inventory![0].IsEmpty, Is.True);
            Assert.That(client.Events.Single(e => e.Kind == GameEventKind.InventoryChanged).Transaction, Is.EqualTo(transaction));
            Assert.That(client.Entities.Values.Count(e => e.Kind == WireEntityKind.GroundItem), Is.EqualTo(1), "confirmed: the owner sees the pile at once");
            Assert.That(other.Entities.Values.Count(e => e.Kind == WireEntityKind.GroundItem), Is.EqualTo(1), "and so does everyone near");
            Assert.That(world.Sync.UnconfirmedTransactions, Is.Zero);
        });
        world.Confirm(transaction);
        world.AssertClientMatchesServer(client, "after the drop");
        world.AssertClientMatchesServer(other, "after the drop");
    }

    [Test]
    public void A_pickup_leaves_the_pile_on_screen_until_storage_confirms_it()
    {
        var (world, player, client, other) = HoldingWorldWithWatcher();
        world.Enqueue(PlayerAction.Drop(player, 0));
        world.Tick();
        world.ConfirmLastTick();
        world.Frames();
        var pile = other.Entities.Single(e => e.Value.Kind == WireEntityKind.GroundItem).Key;

        world.Enqueue(PlayerAction.Pickup(player, pile));
        world.Tick();
        var pickup = world.Simulation.ItemTransactions.Single().Id;
        world.Frames();
        Assert.That(other.Entities.ContainsKey(pile), Is.True, "taken, but not durably: still there for the watcher");
        Assert.That(client.Entities.ContainsKey(pile), Is.True, "and for the taker, whose inventory waits too");
        Assert.That(client.Inventory![0].IsEmpty, Is.True);

        world.Confirm(pickup);
        world.Frames(1);
        Assert.That(other.Entities.ContainsKey(pile), Is.False);
        Assert.That(client.Entities.ContainsKey(pile), Is.False);
        Assert.That(client.Inventory![0].ItemId, Is.EqualTo(ItemIds.Coins));
        world.AssertClientMatchesServer(other, "after the pickup");
    }

    [Test]
    public void Others_see_what_a_player_wears_only_once_the_equip_is_durable()
    {
        var (world, player, _, other) = HoldingWorldWithWatcher();
        var swordSlot = (int)EquipmentSlot.Weapon;
        Assert.That(other.Entities[player].Appearance![swordSlot], Is.Zero);

        var inventory = SimulationHarnessInventory(1);
        world.Enqueue(PlayerAction.Equip(player, Array.FindIndex(((ReadOnlySpan<ItemStack>)inventory.Slots).ToArray(), s => s.ItemId == ItemIds.BronzeSword)));
        world.Tick();
        var equip = world.Simulation.ItemTransactions.Single().Id;
        world.Frames();
        Assert.That(other.Entities[player].Appearance![swordSlot], Is.Zero, "not durable yet: no sword in the watcher's eyes");

        // A newcomer that meets the player now is shown the confirmed look too.
        var late = world.Join(new Tile(21, 21), 3);
        world.Tick();
        var newcomer = world.Connect(3, late);
        world.Frames();
        Assert.That(newcomer.Entities[player].Appearance![swordSlot], Is.Zero);

        world.Confirm(equip);
        world.Frames(1);
        Assert.That(other.Entities[player].Appearance![swordSlot], Is.EqualTo(ItemIds.BronzeSword));
        Assert.That(newcomer.Entities[player].Appearance![swordSlot], Is.EqualTo(ItemIds.BronzeSword));
    }

    [Test]
    public void A_death_reaches_nobody_before_it_is_durable_and_nothing_overtakes_it()
    {
        var (world, victim, own, other) = HoldingWorldWithWatcher();

        world.Simulation.Context.TryResolve(victim, out var entity);
        world.World.Get<Health>(entity).Current = 0;
        world.Tick();
        var death = world.Simulation.ItemTransactions.Single(t => t.Kind == ItemTransactionKind.Death).Id;
        world.Frames();

        foreach (var client in new[] { own, other })
        {
            Assert.That(client.Events.Any(e => e.Kind == GameEventKind.Died), Is.False, $"client {client.ClientId}: the death is not durable yet");
            Assert.That(client.Entities.Values.Any(e => e.Kind == WireEntityKind.GroundItem), Is.False, $"client {client.ClientId}: nor its drops");
        }

        // Storage stays stalled past the respawn: the respawn must still not overtake the death.
        for (var i = 0; i < world.Simulation.Context.Options.DeathAnimationTicks + 1; i++)
        {
            world.Tick();
            world.Frames();
        }

        Assert.That(own.Events.Any(e => e.Kind is GameEventKind.Died or GameEventKind.Respawned), Is.False);
        Assert.That(other.Events.Any(e => e.Kind is GameEventKind.Died or GameEventKind.Respawned), Is.False);

        world.Confirm(death);
        world.Frames();
        var ownStory = own.Events.Where(e => e.Kind is GameEventKind.Died or GameEventKind.Respawned && e.Subject == victim).Select(e => e.Kind);
        Assert.That(ownStory, Is.EqualTo(new[] { GameEventKind.Died, GameEventKind.Respawned }), "in order, once durable");
        Assert.That(own.Inventory!.All(s => s.IsEmpty), Is.True);
        world.AssertClientMatchesServer(other, "after the death");
        world.AssertClientMatchesServer(own, "after the death");
    }

    [Test]
    public void The_killer_sees_an_npc_die_at_once_while_the_kill_count_waits_for_storage()
    {
        var world = new SyncWorld(64, [new NpcSpawnPoint(NpcIds.Chicken, new Tile(21, 20))], new SyncOptions { InterestGroups = 1 }, durable: true);
        var hero = world.Join(new Tile(20, 20), 1);
        world.Tick();
        var client = world.Connect(1, hero);
        world.Frames(2);
        var chickenId = client.Entities.Single(e => e.Value.Kind == WireEntityKind.Npc).Key;
        world.Simulation.Context.TryResolve(chickenId, out var chicken);
        world.Simulation.Context.TryResolve(hero, out var heroEntity);
        world.World.Get<CombatState>(chicken).LastAttacker = heroEntity;
        world.World.Get<Health>(chicken).Current = 0;

        world.Tick();
        var loot = world.Simulation.ItemTransactions.Single(t => t.Kind == ItemTransactionKind.NpcLoot).Id;
        world.Frames();

        Assert.That(client.Events.Where(e => e.Subject == chickenId).Select(e => e.Kind), Is.EqualTo(new[] { GameEventKind.Died }), "the death, not held behind the kill");
        Assert.That(client.Entities.ContainsKey(chickenId), Is.False, "and then the despawn");
        Assert.That(client.Events.Any(e => e.Kind == GameEventKind.NpcKilled), Is.False, "the kill count is not durable yet");

        world.Confirm(loot);
        world.Frames(1);
        Assert.That(client.Events.Single(e => e.Kind == GameEventKind.NpcKilled).Other, Is.EqualTo(chickenId), "the kill once durable");
    }

    [Test]
    public void A_trade_result_waits_for_its_commit_on_both_sides()
    {
        var world = new SyncWorld(64, [], new SyncOptions { InterestGroups = 1 }, durable: true);
        var ann = world.Join(new Tile(20, 20), 1, s => s with { Inventory = SimulationHarnessInventory(1) });
        var bob = world.Join(new Tile(21, 20), 2);
        world.Tick();
        var annClient = world.Connect(1, ann);
        var bobClient = world.Connect(2, bob);
        world.Frames(2);
        foreach (var action in new[]
        {
            new PlayerAction(ann, ActionKind.TradeRequest, Target: bob), new PlayerAction(bob, ActionKind.TradeRequest, Target: ann),
            new PlayerAction(ann, ActionKind.TradeOffer, Slot: 0, Quantity: 40), new PlayerAction(ann, ActionKind.TradeAccept), new PlayerAction(bob, ActionKind.TradeAccept),
            new PlayerAction(ann, ActionKind.TradeAccept), new PlayerAction(bob, ActionKind.TradeAccept),
        })
        {
            world.Enqueue(action);
            world.Tick();
            if (world.Simulation.ItemTransactions.Count > 0)
            {
                break;
            }

            world.ConfirmLastTick();
            world.Frames(2);
        }

        var trade = world.Simulation.Events.ToArray().Single(e => e.Kind == GameEventKind.TradeCompleted && e.Subject == ann).Transaction;
        world.Frames();
        static int Coins(ReferenceClient client) => client.Inventory!.Sum(s => s.ItemId == ItemIds.Coins ? s.Quantity : 0);
        Assert.Multiple(() =>
        {
            Assert.That(Coins(annClient), Is.EqualTo(100), "not durable: Ann still has her coins");
            Assert.That(Coins(bobClient), Is.Zero, "and Bob has none yet");
            Assert.That(annClient.Events.Concat(bobClient.Events).Any(e => e.Kind == GameEventKind.TradeCompleted), Is.False);
        });

        world.Confirm(trade);
        world.Frames(1);
        Assert.Multiple(() =>
        {
            Assert.That(Coins(annClient), Is.EqualTo(60));
            Assert.That(Coins(bobClient), Is.EqualTo(40));
            Assert.That(annClient.Events.Count(e => e.Kind == GameEventKind.TradeCompleted), Is.EqualTo(1));
            Assert.That(bobClient.Events.Count(e => e.Kind == GameEventKind.TradeCompleted), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_fault_while_building_one_clients_packets_costs_only_that_client()
    {
        var world = new SyncWorld(64, []);
        var unlucky = world.Join(new Tile(20, 20), 1);
        var lucky = world.Join(new Tile(22, 20), 2);
        world.Tick();
        world.Connect(1, unlucky);
        var survivor = world.Connect(2, lucky);
        var sink = new FaultySink(world.Router, faultyClient: 1);

        world.Server.RunFrame(sink);

        Assert.Multiple(() =>
        {
            Assert.That(world.Server.ClientFaults.Select(f => f.ClientId), Is.EqualTo(new long[] { 1 }));
            Assert.That(world.Sync.ClientCount, Is.EqualTo(1), "the faulty client is no longer synced");
            Assert.That(survivor.Entities.ContainsKey(unlucky), Is.True, "the other client got its frame");
        });

        world.Enqueue(PlayerAction.Move(unlucky, 24, 24));
        world.Tick();
        for (var i = 0; i < world.Server.FramesPerTick - 1; i++)
        {
            world.Server.RunFrame(sink);
            Assert.That(world.Server.ClientFaults, Is.Empty);
        }

        world.AssertClientMatchesServer(survivor, "after a neighbour's fault");
    }

    [Test]
    public void Public_chat_reaches_exactly_the_clients_that_see_the_speaker()
    {
        var world = new SyncWorld(128, []);
        var speaker = world.Join(new Tile(20, 20), 1);
        var near = world.Join(new Tile(25, 20), 2);
        var far = world.Join(new Tile(90, 90), 3);
        world.Tick();
        world.Connect(1, speaker);
        world.Connect(2, near);
        world.Connect(3, far);
        world.Frames(2);

        var audience = new List<long>();
        world.Sync.CollectClientsSeeing(speaker, audience);

        Assert.That(audience, Is.EquivalentTo(new long[] { 1, 2 }));
    }

    [Test]
    public void Public_chat_reaches_every_client_that_shows_the_speaker_while_everyone_runs_about()
    {
        // The audience is looked up near the speaker, not among all clients: players running in
        // and out of view between refreshes must still hear exactly when they show the speaker.
        var random = new Random(11);
        var world = new SyncWorld(96, []);
        var players = Enumerable.Range(1, 60).Select(i => world.Join(new Tile(random.Next(20, 76), random.Next(20, 76)), i)).ToList();
        world.Tick();
        var clients = players.Select((p, i) => world.Connect(i + 1, p)).ToList();
        world.Frames(2);

        var checkedSpeakers = 0;
        var heard = 0;
        for (var tick = 0; tick < 20; tick++)
        {
            foreach (var player in players)
            {
                world.Enqueue(PlayerAction.SetRun(player, true));
                world.Enqueue(PlayerAction.Move(player, random.Next(5, 91), random.Next(5, 91)));
            }

            world.Tick();
            for (var frame = 0; frame < 4; frame++)
            {
                world.Frames(1);
                var speaker = players[random.Next(players.Count)];
                var audience = new List<long>();
                world.Sync.CollectClientsSeeing(speaker, audience);
                var showing = clients.Select((c, i) => (Client: c, Id: (long)(i + 1))).Where(c => c.Client.Entities.ContainsKey(speaker)).Select(c => c.Id);
                Assert.That(audience, Is.EquivalentTo(showing), $"tick {tick}, frame {frame}, speaker {speaker}");
                checkedSpeakers++;
                heard += audience.Count;
            }
        }

        Assert.That(heard, Is.GreaterThan(checkedSpeakers), "speakers had audiences beyond themselves");
    }

    /// <summary>A host's sink with a bug that bites for one client.</summary>
    private sealed class FaultySink(IPacketSink inner, long faultyClient) : IPacketSink
    {
        public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery)
        {
            if (clientId == faultyClient)
            {
                throw new InvalidOperationException("An injected bug in the host.");
            }

            inner.Send(clientId, packet, delivery);
        }
    }

    /// <summary>A world whose sync holds item changes: a player with items at (20, 20) and a watcher three tiles away, both connected.</summary>
    private static (SyncWorld World, long Player, ReferenceClient Own, ReferenceClient Watcher) HoldingWorldWithWatcher()
    {
        var world = new SyncWorld(64, [], new SyncOptions { InterestGroups = 1 }, durable: true);
        var player = world.Join(new Tile(20, 20), 1, s => s with { Inventory = SimulationHarnessInventory(1) });
        var watcher = world.Join(new Tile(23, 20), 2);
        world.Tick();
        var own = world.Connect(1, player);
        var other = world.Connect(2, watcher);
        world.Frames(2);
        return (world, player, own, other);
    }

    private static Inventory SimulationHarnessInventory(int seed)
    {
        var inventory = default(Inventory);
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Coins], 100 * seed);
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Lobster], 1 + (seed % 3));
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.BronzeSword], 1);
        return inventory;
    }
}
