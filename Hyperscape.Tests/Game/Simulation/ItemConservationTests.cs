using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>
/// No operation creates or destroys items except the ones meant to: NPC drops, gathering, making and fires' ashes create;
/// eating, burying, bait, making, arrows breaking and despawning destroy; and each says so in an event. Deaths move
/// everything into gravestones, looted by their owners or broken open onto the ground, making and losing nothing.
/// Thousands of random actions (trades abandoned halfway included, by a player leaving and coming back) must keep the
/// books balanced.
/// </summary>
public class ItemConservationTests
{
    [TestCase(11)]
    [TestCase(12)]
    public void Every_item_is_accounted_for_after_thousands_of_random_actions(int seed)
    {
        var random = new Random(seed);
        var spawns = Enumerable.Range(0, 6).Select(i => new NpcSpawnPoint(i % 2 == 0 ? NpcIds.Cow : NpcIds.Chicken, new Tile(8 + (4 * i), 20)))
            .Append(new NpcSpawnPoint(NpcIds.Shopkeeper, new Tile(14, 16))).ToList();
        List<ResourceSpawn> resources =
        [
            new(SimulationHarness.ResourceType("tree"), new Tile(10, 22), []),
            new(SimulationHarness.ResourceType("tree"), new Tile(26, 22), []),
            new(SimulationHarness.ResourceType("copper_rock"), new Tile(18, 23), []),
            new(SimulationHarness.ResourceType("bait_fishing_spot"), new Tile(30, 16), [new Tile(14, 16)]),
        ];
        var harness = new SimulationHarness(size: 40, npcs: spawns, seed: seed, resources: resources, objects:
        [
            new WorldObjectSpawn(WorldObjectKind.BankBooth, new Tile(20, 19)), new WorldObjectSpawn(WorldObjectKind.Range, new Tile(16, 19)),
            new WorldObjectSpawn(WorldObjectKind.Furnace, new Tile(24, 19)), new WorldObjectSpawn(WorldObjectKind.Anvil, new Tile(28, 19)),
            new WorldObjectSpawn(WorldObjectKind.RuneAltar, new Tile(12, 19), ItemIds.AirRune),
        ], configure: o => o with { GravestoneTicks = 200, BrokenGravestoneDespawnTicks = 300 });
        long[] stations = [harness.NodeAt(new Tile(24, 19)), harness.NodeAt(new Tile(28, 19)), harness.NodeAt(new Tile(12, 19)), 0];
        var nodes = resources.Select(r => harness.NodeAt(r.Tile)).Append(harness.NodeAt(new Tile(20, 19))).Append(harness.NpcNear(new Tile(14, 16))).ToList();
        var characters = new Dictionary<long, CharacterState>();
        var online = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var id = harness.Join(new Tile(8 + (4 * i), 18), s => SimulationHarness.Strong(s, 20) with
            {
                Inventory = SimulationHarness.InventoryOf(
                    (ItemIds.Coins, 1000), (ItemIds.Lobster, 3), (ItemIds.BronzeSword, 1), (ItemIds.BronzeArrow, 50), (ItemIds.WoodenShield, 1), (ItemIds.Bronze2hSword, 1), (ItemIds.Bones, 3),
                    (ItemIds.BronzeAxe, 1), (ItemIds.BronzePickaxe, 1), (ItemIds.FishingRod, 1), (ItemIds.FishingBait, 30),
                    (ItemIds.Tinderbox, 1), (ItemIds.Logs, 1), (ItemIds.RawShrimps, 1), (ItemIds.RawShrimps, 1),
                    (ItemIds.CopperOre, 1), (ItemIds.TinOre, 1), (ItemIds.Hammer, 1), (ItemIds.Knife, 1), (ItemIds.Shortbow, 1), (ItemIds.AirRune, 40), (ItemIds.MindRune, 20), (ItemIds.StaffOfAir, 1)),
            });
            online.Add(id);
        }

        // One player stands by the booth: its bank opens at once, and random deposits find it open.
        Assert.That(harness.Do(PlayerAction.Interact(online[3], harness.NodeAt(new Tile(20, 19)))), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Do(PlayerAction.BankDeposit(online[3], 0, 100)), Is.EqualTo(RejectionReason.None), "coins banked");
        var keeper = harness.NpcNear(new Tile(14, 16));
        harness.Do(PlayerAction.Move(online[1], harness.TileOf(keeper).X, harness.TileOf(keeper).Z + 1));
        harness.Step(2);
        Assert.That(harness.Do(PlayerAction.Interact(online[1], keeper)), Is.EqualTo(RejectionReason.None), "a customer at the shop");
        Assert.That(harness.Do(PlayerAction.ShopBuy(online[1], 0, 1)), Is.EqualTo(RejectionReason.None), "a purchase");
        Assert.That(harness.Do(PlayerAction.ShopSell(online[1], InventoryRules.FindStack(harness.Get<Inventory>(online[1]), ItemIds.Bones), 1)), Is.EqualTo(RejectionReason.None), "a sale");

        // One fire lit and one batch on the range, to start with: the random actions carry on from there.
        var logs = InventoryRules.FindStack(harness.Get<Inventory>(online[0]), ItemIds.Logs);
        Assert.That(harness.Do(PlayerAction.Light(online[0], logs)), Is.EqualTo(RejectionReason.None), "lighting logs");
        var raw = InventoryRules.FindStack(harness.Get<Inventory>(online[2]), ItemIds.RawShrimps);
        Assert.That(harness.Do(PlayerAction.UseItemOnObject(online[2], raw, harness.NodeAt(new Tile(16, 19)))), Is.EqualTo(RejectionReason.None), "cooking on the range");
        Assert.That(harness.Do(PlayerAction.Make(online[4], ItemIds.BronzeBar, stations[0])), Is.EqualTo(RejectionReason.None), "smelting at the furnace");
        Assert.That(harness.Do(PlayerAction.Make(online[5], ItemIds.ArrowShaft)), Is.EqualTo(RejectionReason.None), "fletching");
        var archer = harness.Get<Inventory>(online[1]);
        Assert.That(harness.Do(PlayerAction.Equip(online[1], InventoryRules.FindStack(archer, ItemIds.Shortbow))), Is.EqualTo(RejectionReason.None), "a bow");
        Assert.That(harness.Do(PlayerAction.Equip(online[1], InventoryRules.FindStack(harness.Get<Inventory>(online[1]), ItemIds.BronzeArrow))), Is.EqualTo(RejectionReason.None), "and arrows");
        Assert.That(harness.Do(PlayerAction.Attack(online[1], harness.LivingNpcs()[0])), Is.EqualTo(RejectionReason.None), "shooting");
        Assert.That(harness.Do(PlayerAction.CastSpell(online[0], 1, harness.LivingNpcs()[1])), Is.EqualTo(RejectionReason.None), "casting");
        for (var i = 0; i < 200 && !harness.Log.Any(e => e.Kind == GameEventKind.ItemsDestroyed && e.C == (int)ItemSink.Burned); i++)
        {
            harness.Step();
        }

        var requests = new Dictionary<long, long>();
        var banked = 0L;
        var expected = Count(harness, characters.Values);
        var checkedEvents = harness.Log.Count;
        for (var step = 0; step < 3000; step++)
        {
            if (online.Count > 0)
            {
                var player = online[random.Next(online.Count)];
                harness.Act(NextAction(harness, random, player, online, requests, nodes, stations));
            }

            if (random.Next(120) == 0 && online.Count > 0)
            {
                // Someone dies where they stand: everything they have goes into a gravestone.
                var victim = online[random.Next(online.Count)];
                if (!harness.World.Has<Dying>(harness.EntityOf(victim)))
                {
                    harness.Edit<Health>(victim).Current = 0;
                }
            }

            if (random.Next(150) == 0 && online.Count > 1)
            {
                // A player drops out mid-whatever (a trade included) and comes back later.
                var leaving = online[random.Next(online.Count)];
                harness.Sim.Leave(leaving);
                online.Remove(leaving);
            }

            if (random.Next(100) == 0 && characters.Count > 0)
            {
                // Queued now, in the world after this step: the count below follows the step.
                var back = characters.Values.First();
                characters.Remove(back.CharacterId);
                online.Add(harness.Sim.Join(back));
            }

            harness.Step();
            foreach (var left in harness.Sim.Departed)
            {
                characters[left.CharacterId] = left;
            }

            for (; checkedEvents < harness.Log.Count; checkedEvents++)
            {
                var e = harness.Log[checkedEvents];
                if (e.Kind == GameEventKind.ItemsCreated)
                {
                    expected[e.A] = expected.GetValueOrDefault(e.A) + e.B;
                }
                else if (e.Kind == GameEventKind.ItemsDestroyed)
                {
                    expected[e.A] -= e.B;
                }
            }

            var actual = Count(harness, characters.Values);
            banked = Math.Max(banked, BankedTotal(harness));
            foreach (var item in expected.Keys.Union(actual.Keys))
            {
                if (expected.GetValueOrDefault(item) != actual.GetValueOrDefault(item))
                {
                    Assert.Fail($"step {step}: item {item} should total {expected.GetValueOrDefault(item)}, the world holds {actual.GetValueOrDefault(item)}");
                }
            }
        }

        Assert.That(harness.Events(GameEventKind.TradeCompleted), Is.Not.Empty, "some trades went through");
        Assert.That(harness.Events(GameEventKind.TradeCancelled), Is.Not.Empty, "some were abandoned");
        Assert.That(harness.Events(GameEventKind.ItemsCreated), Is.Not.Empty, "NPCs dropped loot");
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Eaten), Is.Not.Empty, "food was eaten");
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Buried), Is.Not.Empty, "bones were buried");
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Where(e => e.C == (int)ItemSource.Gathered).Select(e => e.A).Distinct(), Is.EquivalentTo(new[] { ItemIds.Logs, ItemIds.CopperOre, ItemIds.RawSardine }), "logs chopped, ore mined, sardines caught");
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Consumed), Is.Not.Empty, "bait used up");
        Assert.That(harness.Events(GameEventKind.BankOpened), Is.Not.Empty, "banks were opened");
        Assert.That(banked, Is.GreaterThan(0), "and items were in them");
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Where(e => e.C == (int)ItemSource.Bought), Is.Not.Empty, "things were bought");
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Burned), Is.Not.Empty, "fires were lit");
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Where(e => e.C == (int)ItemSource.Cooked), Is.Not.Empty, "food was cooked or burnt");
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Sold), Is.Not.Empty, "and sold");
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Where(e => e.C == (int)ItemSource.Made).Select(e => e.A).Distinct(), Is.SupersetOf(new[] { ItemIds.BronzeBar, ItemIds.ArrowShaft }), "bars smelted, shafts fletched");
        Assert.That(harness.Events(GameEventKind.ItemsCreated).Where(e => e.C == (int)ItemSource.Ashes), Is.Not.Empty, "fires left ashes");
        Assert.That(harness.Events(GameEventKind.Projectile).Where(e => e.A == 1), Is.Not.Empty, "arrows were fired (each dropped under its target or broken)");
        Assert.That(harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Cast), Is.Not.Empty, "runes were used up casting");
        Assert.That(harness.Events(GameEventKind.GravestoneCreated).Where(e => e.Transaction != 0), Is.Not.Empty, "players died and left gravestones");
        Assert.That(harness.Events(GameEventKind.GravestoneBroken).Where(e => e.A == 0), Is.Not.Empty, "owners emptied some");
        Assert.That(harness.Events(GameEventKind.GravestoneBroken).Where(e => e.A > 0), Is.Not.Empty, "others broke open with items in them");
    }

    /// <summary>Walks to one's own gravestone, or loots it from beside it; without one, tries someone else's or none.</summary>
    private static PlayerAction VisitGrave(SimulationHarness harness, long player, Random random)
    {
        var character = harness.Get<Player>(player).CharacterId;
        var graves = harness.Gravestones();
        var own = graves.FirstOrDefault(g => g.Grave.OwnerCharacterId == character);
        if (own.Id == 0)
        {
            return PlayerAction.LootGravestone(player, graves.Count > 0 && random.Next(2) == 0 ? graves[random.Next(graves.Count)].Id : random.Next(1, 400));
        }

        return harness.TileOf(player).DistanceTo(own.Tile) <= 1 ? PlayerAction.LootGravestone(player, own.Id) : PlayerAction.Move(player, own.Tile.X, own.Tile.Z);
    }

    /// <summary>
    /// Mostly random, but a trader keeps trading (offers and accepts) and a player asked to trade
    /// usually answers, so trades really complete; declines and logouts still abandon some.
    /// </summary>
    private static PlayerAction NextAction(SimulationHarness harness, Random random, long player, List<long> online, Dictionary<long, long> requests, List<long> nodes, long[] stations)
    {
        if (harness.Sim.Context.Trades.IsTrading(player) && random.Next(10) < 8)
        {
            return random.Next(3) == 0
                ? PlayerAction.TradeOffer(player, random.Next(0, 28), random.Next(0, 40))
                : PlayerAction.TradeAccept(player);
        }

        if (requests.Remove(player, out var asker) && random.Next(4) != 0)
        {
            return PlayerAction.TradeRequest(player, asker);
        }

        var other = online[random.Next(online.Count)];
        switch (random.Next(37))
        {
            case 35 or 36:
                return VisitGrave(harness, player, random);
            case 33:
                return PlayerAction.CastSpell(player, random.Next(0, 3), harness.LivingNpcs() is { Count: > 0 } living ? living[random.Next(living.Count)] : random.Next(1, 400));
            case 34:
                return PlayerAction.SetAutocast(player, random.Next(0, 2));
            case 30 or 31 or 32:
                int[] products = [ItemIds.BronzeBar, ItemIds.BronzeDagger, ItemIds.ArrowShaft, ItemIds.AirRune, ItemIds.IronBar, ItemIds.Coins, random.Next(-1, 200)];
                var station = random.Next(8) == 0 ? random.Next(1, 400) : stations[random.Next(stations.Length)];
                return PlayerAction.Make(player, products[random.Next(products.Length)], station, random.Next(-1, 3));
            case 27:
                return PlayerAction.Light(player, random.Next(-1, 29));
            case 28 or 29:
                return PlayerAction.UseItemOnObject(player, random.Next(-1, 29), random.Next(2) == 0 ? harness.NodeAt(new Tile(16, 19)) : random.Next(1, 400), random.Next(-1, 3));
            case 25:
                return PlayerAction.Move(player, random.Next(12, 17), random.Next(14, 19));
            case 26:
                return PlayerAction.Interact(player, nodes[^(1 + random.Next(2))]);
            case 23:
                return PlayerAction.ShopBuy(player, random.Next(-1, 8), random.Next(-1, 4));
            case 24:
                return PlayerAction.ShopSell(player, random.Next(-1, 29), random.Next(-1, 3));
            case 19:
                return PlayerAction.BankDeposit(player, random.Next(-1, 29), random.Next(-1, 60));
            case 20:
                return PlayerAction.BankWithdraw(player, random.Next(-1, 8), random.Next(-1, 60));
            case 21:
                return random.Next(3) == 0 ? PlayerAction.BankDepositAll(player) : PlayerAction.Move(player, random.Next(18, 23), random.Next(17, 22));
            case 15 or 16 or 17:
                return PlayerAction.Interact(player, random.Next(8) == 0 ? random.Next(1, 400) : nodes[random.Next(nodes.Count)]);
            case 0:
                return PlayerAction.Drop(player, random.Next(-2, 30));
            case 1:
                return PlayerAction.Equip(player, random.Next(0, 28));
            case 2:
                return PlayerAction.Unequip(player, random.Next(0, 11));
            case 3:
                return PlayerAction.Eat(player, random.Next(0, 28));
            case 4:
                var ground = harness.GroundItems();
                return PlayerAction.Pickup(player, ground.Count == 0 || random.Next(4) == 0 ? random.Next(1, 400) : ground[random.Next(ground.Count)].Id);
            case 5:
                return PlayerAction.Move(player, random.Next(4, 36), random.Next(14, 24));
            case 6:
                var npcs = harness.LivingNpcs();
                return PlayerAction.Attack(player, npcs.Count == 0 ? random.Next(1, 400) : npcs[random.Next(npcs.Count)]);
            case 7 or 8 or 9:
                requests[other] = player;
                return PlayerAction.TradeRequest(player, other);
            case 10:
                return PlayerAction.TradeOffer(player, random.Next(-1, 29), random.Next(-1, 1200));
            case 11 or 12:
                return PlayerAction.TradeAccept(player);
            case 13:
                return PlayerAction.Bury(player, random.Next(0, 28));
            default:
                return PlayerAction.TradeDecline(player);
        }
    }

    /// <summary>Items in the banks of the players in the world.</summary>
    private static long BankedTotal(SimulationHarness harness)
    {
        var total = 0L;
        foreach (var chunk in harness.World.Query(new QueryDescription().WithAll<Player, NetworkIdentity>()).GetChunks())
        {
            foreach (var identity in chunk.GetReadOnlySpan<NetworkIdentity>())
            {
                foreach (var stack in harness.Sim.Context.Banks[identity.Id].Slots)
                {
                    total += stack.Quantity;
                }
            }
        }

        return total;
    }

    /// <summary>Totals per item over inventories, equipment, banks, the ground, gravestones and offline characters.</summary>
    private static Dictionary<int, long> Count(SimulationHarness harness, IEnumerable<CharacterState> offline)
    {
        var totals = new Dictionary<int, long>();
        void Add(ItemStack stack)
        {
            if (!stack.IsEmpty)
            {
                totals[stack.ItemId] = totals.GetValueOrDefault(stack.ItemId) + stack.Quantity;
            }
        }

        foreach (var chunk in harness.World.Query(new QueryDescription().WithAll<Inventory, Equipment>()).GetChunks())
        {
            foreach (var inventory in chunk.GetReadOnlySpan<Inventory>())
            {
                for (var i = 0; i < Inventory.SlotCount; i++)
                {
                    Add(inventory.Slots[i]);
                }
            }

            foreach (var equipment in chunk.GetReadOnlySpan<Equipment>())
            {
                for (var i = 0; i < Equipment.SlotCount; i++)
                {
                    Add(equipment.Slots[i]);
                }
            }
        }

        foreach (var (_, item, _) in harness.GroundItems())
        {
            Add(new ItemStack(item.ItemId, item.Quantity));
        }

        foreach (var (_, grave, _) in harness.Gravestones())
        {
            foreach (var stack in grave.Slots)
            {
                Add(stack);
            }
        }

        foreach (var chunk in harness.World.Query(new QueryDescription().WithAll<Player, NetworkIdentity>()).GetChunks())
        {
            foreach (var identity in chunk.GetReadOnlySpan<NetworkIdentity>())
            {
                foreach (var stack in harness.Sim.Context.Banks[identity.Id].Slots)
                {
                    Add(stack);
                }
            }
        }

        foreach (var state in offline)
        {
            for (var i = 0; i < Inventory.SlotCount; i++)
            {
                Add(state.Inventory.Slots[i]);
            }

            for (var i = 0; i < Equipment.SlotCount; i++)
            {
                Add(state.Equipment.Slots[i]);
            }

            foreach (var stack in state.Bank)
            {
                Add(stack);
            }
        }

        return totals;
    }
}
