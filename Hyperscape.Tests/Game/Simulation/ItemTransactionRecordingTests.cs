using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>
/// Replaying the recorded item transactions, in order, into an in-memory store must reproduce the
/// world's items exactly: every character's inventory and equipment and every ground item.
/// </summary>
public class ItemTransactionRecordingTests
{
    [Test]
    public void Replaying_the_recorded_transactions_reproduces_every_item_in_the_world()
    {
        var random = new Random(21);
        var npcs = Enumerable.Range(0, 6).Select(i => new NpcSpawnPoint(NpcIds.Cow, new Tile(6 + (4 * i), 14))).ToList();
        var simulation = new Ecs.Game.Simulation(new SimulationOptions
        {
            Seed = 4,
            Map = new TileMap(32, 32),
            NpcSpawns = npcs,
            PlayerSpawn = new Tile(16, 16),
            Resources = ResourceCatalog.Standard,
            ResourceSpawns = [new ResourceSpawn(SimulationHarness.ResourceType("tree"), new Tile(14, 12), []), new ResourceSpawn(SimulationHarness.ResourceType("bait_fishing_spot"), new Tile(22, 12), [])],
            Objects = [new WorldObjectSpawn(WorldObjectKind.BankBooth, new Tile(10, 11)), new WorldObjectSpawn(WorldObjectKind.BankBooth, new Tile(18, 11))],
            RecordItemTransactions = true,
            GroundItemDespawnTicks = 60,
            GravestoneTicks = 150,
            BrokenGravestoneDespawnTicks = 50,
        });
        var players = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            players.Add(simulation.Join(SimulationHarness.Strong(new CharacterState { CharacterId = i + 1, Name = $"p{i}", Position = Position.At(new Tile(6 + (4 * i), 12)) }, 30) with
            {
                Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 500), (ItemIds.Lobster, 4), (ItemIds.BronzeSword, 1), (ItemIds.WoodenShield, 1), (ItemIds.Bones, 3), (ItemIds.BronzeAxe, 1), (ItemIds.FishingRod, 1), (ItemIds.FishingBait, 20)),
            }));
        }

        simulation.Step();
        var characters = new Dictionary<long, CharacterItems>();
        var banks = new Dictionary<long, IReadOnlyList<ItemStack>>();
        var ground = new Dictionary<long, StoredGroundItem>();
        var graves = new Dictionary<long, StoredGravestone>();
        foreach (var id in players)
        {
            simulation.Context.TryResolve(id, out var entity);
            var character = simulation.World.GetReadOnly<Player>(entity).CharacterId;
            characters[character] = new CharacterItems(character, simulation.World.GetReadOnly<Inventory>(entity), simulation.World.GetReadOnly<Equipment>(entity));
        }

        var kinds = new HashSet<ItemTransactionKind>();
        for (var tick = 0; tick < 800; tick++)
        {
            var player = players[random.Next(players.Count)];
            var other = players[random.Next(players.Count)];
            var groundIds = ground.Keys.ToList();
            var graveIds = graves.Keys.ToList();
            simulation.Enqueue(random.Next(17) switch
            {
                15 or 16 => VisitGrave(simulation, player, graves.Values, graveIds.Count > 0 ? graveIds[random.Next(graveIds.Count)] : 0),
                12 => PlayerAction.BankDeposit(player, random.Next(0, 28), random.Next(0, 20)),
                13 => PlayerAction.BankWithdraw(player, random.Next(0, 5), random.Next(1, 20)),
                14 => PlayerAction.BankDepositAll(player),
                10 => PlayerAction.Interact(player, random.Next(1, 12)),
                11 => PlayerAction.Interact(player, random.Next(9, 11)),
                8 => PlayerAction.Bury(player, random.Next(0, 28)),
                0 => PlayerAction.Drop(player, random.Next(0, 28)),
                1 => PlayerAction.Equip(player, random.Next(0, 28)),
                2 => PlayerAction.Unequip(player, random.Next(0, 11)),
                3 => PlayerAction.Eat(player, random.Next(0, 28)),
                4 => PlayerAction.Pickup(player, groundIds.Count > 0 ? groundIds[random.Next(groundIds.Count)] : 0),
                5 => PlayerAction.Attack(player, random.Next(1, 8)),
                6 => PlayerAction.TradeRequest(player, other),
                7 => PlayerAction.TradeOffer(player, random.Next(0, 28), random.Next(0, 50)),
                _ => PlayerAction.TradeAccept(player),
            });
            if (random.Next(3) == 0)
            {
                simulation.Enqueue(PlayerAction.TradeAccept(other));
            }

            // Now and then someone dies where they stand, and their things go into a gravestone.
            if (random.Next(100) == 0 && simulation.Context.TryResolve(other, out var victim) && !simulation.World.Has<Dying>(victim))
            {
                simulation.World.Get<Health>(victim).Current = 0;
            }

            simulation.Step();
            foreach (var transaction in simulation.ItemTransactions)
            {
                kinds.Add(transaction.Kind);
                foreach (var items in transaction.Characters)
                {
                    characters[items.CharacterId] = items;
                    if (items.Bank is { } bank)
                    {
                        banks[items.CharacterId] = bank;
                    }
                }

                foreach (var removed in transaction.GroundItemsRemoved)
                {
                    ground.Remove(removed);
                }

                foreach (var added in transaction.GroundItemsAdded)
                {
                    ground[added.Id] = added;
                }

                foreach (var removed in transaction.GravestonesRemoved)
                {
                    graves.Remove(removed);
                }

                foreach (var grave in transaction.Gravestones)
                {
                    graves[grave.Id] = grave;
                }
            }

            AssertStoreMatchesWorld(simulation, characters, ground, tick);
            AssertGravesMatchWorld(simulation, graves, tick);
            foreach (var id in players)
            {
                simulation.Context.TryResolve(id, out var entity);
                var character = simulation.World.GetReadOnly<Player>(entity).CharacterId;
                Assert.That(simulation.Context.Banks[id].ToArray(), Is.EqualTo(banks.GetValueOrDefault(character) ?? []), $"tick {tick}: bank of {character}");
            }
        }

        ItemTransactionKind[] expectedKinds = [ItemTransactionKind.Drop, ItemTransactionKind.Pickup, ItemTransactionKind.Eat, ItemTransactionKind.Equipment, ItemTransactionKind.NpcLoot, ItemTransactionKind.Despawn, ItemTransactionKind.Trade, ItemTransactionKind.Bury, ItemTransactionKind.Gather, ItemTransactionKind.Bank,
            ItemTransactionKind.Death, ItemTransactionKind.GravestoneLoot, ItemTransactionKind.GravestoneBroken];
        Assert.That(expectedKinds.Except(kinds), Is.Empty, "every kind of transaction happened");
    }

    [Test]
    public void Nothing_is_recorded_unless_asked_for()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(5, 5), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Logs, 1)) });

        harness.Do(PlayerAction.Drop(player, 0));

        Assert.That(harness.Sim.ItemTransactions, Is.Empty);
    }

    private static void AssertStoreMatchesWorld(Ecs.Game.Simulation simulation, Dictionary<long, CharacterItems> characters, Dictionary<long, StoredGroundItem> ground, int tick)
    {
        var world = simulation.World;
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Player, Inventory, Equipment>()).GetChunks())
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                var id = chunk.GetReadOnlySpan<Player>()[i].CharacterId;
                var stored = characters[id];
                var storedInventory = stored.Inventory;
                var storedEquipment = stored.Equipment;
                var inventory = chunk.GetReadOnlySpan<Inventory>()[i];
                var equipment = chunk.GetReadOnlySpan<Equipment>()[i];
                Assert.That(((ReadOnlySpan<ItemStack>)storedInventory.Slots).SequenceEqual(inventory.Slots), Is.True, $"tick {tick}: inventory of {id}");
                Assert.That(((ReadOnlySpan<ItemStack>)storedEquipment.Slots).SequenceEqual(equipment.Slots), Is.True, $"tick {tick}: equipment of {id}");
            }
        }

        var actual = new Dictionary<long, (int, int)>();
        foreach (var chunk in world.Query(new QueryDescription().WithAll<GroundItem, NetworkIdentity>()).GetChunks())
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                var item = chunk.GetReadOnlySpan<GroundItem>()[i];
                actual[chunk.GetReadOnlySpan<NetworkIdentity>()[i].Id] = (item.ItemId, item.Quantity);
            }
        }

        Assert.That(ground.ToDictionary(g => g.Key, g => (g.Value.ItemId, g.Value.Quantity)), Is.EquivalentTo(actual), $"tick {tick}: ground items");
    }

    /// <summary>Walks to one's own gravestone, or loots it from beside it; without one, tries someone else's.</summary>
    private static PlayerAction VisitGrave(Ecs.Game.Simulation simulation, long player, IEnumerable<StoredGravestone> graves, long anyGrave)
    {
        simulation.Context.TryResolve(player, out var entity);
        var character = simulation.World.GetReadOnly<Player>(entity).CharacterId;
        var tile = simulation.World.GetReadOnly<Position>(entity).Tile;
        if (graves.FirstOrDefault(g => g.CharacterId == character) is not { } own)
        {
            return PlayerAction.LootGravestone(player, anyGrave);
        }

        return tile.DistanceTo(own.Position.Tile) <= 1 ? PlayerAction.LootGravestone(player, own.Id) : PlayerAction.Move(player, own.Position.Tile.X, own.Position.Tile.Z);
    }

    private static void AssertGravesMatchWorld(Ecs.Game.Simulation simulation, Dictionary<long, StoredGravestone> graves, int tick)
    {
        var actual = new Dictionary<long, ItemStack[]>();
        foreach (var chunk in simulation.World.Query(new QueryDescription().WithAll<Gravestone, NetworkIdentity>()).GetChunks())
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                actual[chunk.GetReadOnlySpan<NetworkIdentity>()[i].Id] = ((ReadOnlySpan<ItemStack>)chunk.GetReadOnlySpan<Gravestone>()[i].Slots).ToArray();
            }
        }

        Assert.That(graves.Keys, Is.EquivalentTo(actual.Keys), $"tick {tick}: gravestones");
        foreach (var (id, slots) in actual)
        {
            Assert.That(graves[id].Items, Is.EqualTo(slots), $"tick {tick}: what is in gravestone {id}");
        }
    }
}
