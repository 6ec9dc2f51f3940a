using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Benchmarks.Game;

/// <summary>
/// A crowded world for whole-tick measurements: half the players locked in melee with NPCs
/// (bare-handed, with each kind of melee weapon and every stance, a shortbow and arrows on
/// every ranged stance, or a staff of air autocasting Wind Strike, all praying) or, in the gathering
/// workload, two in three chopping, mining and fishing at nodes five to a node and one in three
/// making things (smelting bronze five to a furnace, fletching arrow shafts anywhere); the other
/// half walking to new destinations every tick; the remaining NPCs wandering.
/// </summary>
public sealed class BusyWorld
{
    private const int MapSize = 1024;
    private const int GatherersPerNode = 5;
    private static readonly AttackStyle[] RangedStances = [AttackStyle.Accurate, AttackStyle.Rapid, AttackStyle.Longrange];
    private static readonly string[] NodeKinds = ["tree", "oak", "willow", "copper_rock", "iron_rock", "net_fishing_spot"];
    private readonly Random _script = new(1234);
    private readonly List<long> _walkers = [];
    private readonly List<(long Player, long Node)> _gatherers = [];
    private readonly List<(long Player, int Product, long Station, Inventory Kit)> _makers = [];
    private static readonly Inventory SmeltingKit = KitOf([.. Enumerable.Repeat(ItemIds.CopperOre, 14), .. Enumerable.Repeat(ItemIds.TinOre, 14)]);
    private static readonly Inventory MageKit = MindRunes(1_000_000);
    private static readonly Inventory FletchingKit = KitOf([ItemIds.Knife, .. Enumerable.Repeat(ItemIds.Logs, 27)]);
    private readonly Inventory _gatheringKit = KitOf(ItemIds.BronzeAxe, ItemIds.BronzePickaxe, ItemIds.SmallFishingNet);

    public BusyWorld(int players, int npcs, int walkOrdersPerTick, BusyWorkload workload = BusyWorkload.Fighting)
    {
        WalkOrdersPerTick = walkOrdersPerTick;
        var random = new Random(42);
        var map = new TileMap(MapSize, MapSize);
        for (var wall = 0; wall < 400; wall++)
        {
            var x = random.Next(10, MapSize - 30);
            var z = random.Next(10, MapSize - 30);
            map.BlockRectangle(new Tile(x, z), random.Next(2) == 0 ? new Tile(x + 20, z) : new Tile(x, z + 20));
        }

        var gathering = workload == BusyWorkload.Gathering;
        var fighters = gathering ? 0 : players / 2;
        var busy = gathering ? players / 2 : 0;
        var gatherers = busy * 2 / 3 / GatherersPerNode * GatherersPerNode;
        var makers = busy - gatherers;
        var furnaces = new List<WorldObjectSpawn>();
        for (var i = 0; i < (makers / 2 / GatherersPerNode) + 1; i++)
        {
            var tile = FreeTile(map, random);
            map.SetBlocked(tile);
            furnaces.Add(new WorldObjectSpawn(WorldObjectKind.Furnace, tile));
        }

        var nodes = new List<ResourceSpawn>();
        for (var i = 0; i < gatherers / GatherersPerNode; i++)
        {
            var tile = FreeTile(map, random);
            var type = ResourceCatalog.Standard.All.Single(r => r.Key == NodeKinds[i % NodeKinds.Length]);
            if (type.Blocks)
            {
                map.SetBlocked(tile);
            }

            nodes.Add(new ResourceSpawn(type.Id, tile, []));
        }

        var spawns = new List<NpcSpawnPoint>(npcs);
        var fighterTiles = new List<Tile>(fighters);
        int[] types = [NpcIds.Cow, NpcIds.Goblin, NpcIds.Chicken, NpcIds.GiantRat, NpcIds.Guard];
        for (var i = 0; i < npcs; i++)
        {
            var tile = FreeTile(map, random);
            spawns.Add(new NpcSpawnPoint(types[i % types.Length], tile));
            if (i < fighters)
            {
                fighterTiles.Add(tile);
            }
        }

        Simulation = new Simulation(new SimulationOptions
        {
            Seed = 7,
            Map = map,
            NpcSpawns = spawns,
            Resources = ResourceCatalog.Standard,
            ResourceSpawns = nodes,
            Objects = furnaces,
            Recipes = RecipeCatalog.Standard,
            Spells = SpellBook.Standard,
            PlayerSpawn = new Tile(512, 512),
        });
        var nodeIds = NodeIdsByTile();
        var fighterIds = new List<long>(fighters);
        var mages = new HashSet<int>();
        int[] weapons = [0, ItemIds.BronzeSword, ItemIds.SteelLongsword, ItemIds.Bronze2hSword, ItemIds.Shortbow, ItemIds.StaffOfAir];
        var skills = Strong(30);
        skills.AddXp(Skill.Prayer, XpTable.XpForLevel(99) * 10);
        for (var i = 0; i < players; i++)
        {
            var fighting = i < fighters;
            var gatheringAt = i < gatherers ? nodes[i / GatherersPerNode].Tile : (Tile?)null;
            var making = i >= gatherers && i < gatherers + makers ? i - gatherers : -1;
            var smelting = making >= 0 && making % 2 == 0;
            var furnace = smelting ? furnaces[making / 2 / GatherersPerNode].Tile : default;
            var tile = fighting ? fighterTiles[i] with { Z = fighterTiles[i].Z + 1 }
                : gatheringAt is { } node ? BesideNode(map, node, i % GatherersPerNode)
                : smelting ? BesideNode(map, furnace, making / 2 % GatherersPerNode)
                : FreeTile(map, random);
            var equipment = default(Equipment);
            if (weapons[i % weapons.Length] is var weapon and > 0)
            {
                equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(weapon, 1);
                if (weapon == ItemIds.Shortbow)
                {
                    equipment.Slots[(int)EquipmentSlot.Ammo] = new ItemStack(ItemIds.BronzeArrow, 1_000_000);
                }

                if (weapon == ItemIds.StaffOfAir && fighting)
                {
                    mages.Add(i);
                }
            }

            var id = Simulation.Join(new CharacterState
            {
                CharacterId = i + 1,
                Name = $"bot{i}",
                Position = Position.At(tile),
                Skills = skills,
                Health = new Health(30, 30),
                Equipment = equipment,
                Inventory = gatheringAt is not null ? _gatheringKit : making >= 0 ? (smelting ? SmeltingKit : FletchingKit) : mages.Contains(i) ? MageKit : default,
                AttackStyle = weapons[i % weapons.Length] == ItemIds.Shortbow ? RangedStances[i / weapons.Length % RangedStances.Length] : (AttackStyle)(i / weapons.Length % 3),
                PrayerPoints = 99,
            });
            if (gatheringAt is { } at)
            {
                _gatherers.Add((id, nodeIds[at]));
            }
            else if (making >= 0)
            {
                _makers.Add(smelting ? (id, ItemIds.BronzeBar, nodeIds[furnace], SmeltingKit) : (id, ItemIds.ArrowShaft, 0, FletchingKit));
            }
            else
            {
                (fighting ? fighterIds : _walkers).Add(id);
            }

            if (mages.Contains(i))
            {
                // A staff of air autocasting Wind Strike: the mind runes are the only ones it uses.
                Simulation.Enqueue(PlayerAction.SetAutocast(id, 1));
            }
        }

        Simulation.Step();

        // Fighters pray for the whole run (99 points): half behind Protect from Melee (a point
        // every 5 ticks), half with Steel Skin and Ultimate Strength (a point every 2.5).
        foreach (var (fighter, index) in fighterIds.Select((id, index) => (id, index)))
        {
            if (index % 2 == 0)
            {
                Simulation.Enqueue(PlayerAction.TogglePrayer(fighter, Prayer.ProtectFromMelee, on: true));
            }
            else
            {
                Simulation.Enqueue(PlayerAction.TogglePrayer(fighter, Prayer.SteelSkin, on: true));
                Simulation.Enqueue(PlayerAction.TogglePrayer(fighter, Prayer.UltimateStrength, on: true));
            }
        }

        // Fighters and their NPCs get health enough to fight for the whole run.
        var world = Simulation.World;
        for (var i = 0; i < fighterIds.Count; i++)
        {
            Simulation.Context.TryResolve(fighterIds[i], out var player);
            world.Set(player, new Health(1_000_000, 30));
            var npcTile = fighterTiles[i];
            Simulation.Enqueue(PlayerAction.Attack(fighterIds[i], NpcAt(npcTile)));
        }

        foreach (var npc in _npcByTile.Values)
        {
            world.Set(npc, new Health(1_000_000, 1_000_000));
        }

        _npcByTile.Clear();
    }

    public Simulation Simulation { get; }

    public int WalkOrdersPerTick { get; }

    private readonly Dictionary<Tile, Ecs.Store.Entity> _npcByTile = [];

    /// <summary>
    /// Queues this tick's walk orders, as players' clicks would arrive, and sends every gatherer
    /// who stopped (a felled tree, an empty rock, a full pack, emptied here as a bank would) back
    /// to its node, and every maker who ran out back to work with a fresh kit (as from a bank).
    /// </summary>
    public void QueueWalkOrders()
    {
        foreach (var (gatherer, node) in _gatherers)
        {
            Simulation.Context.TryResolve(gatherer, out var entity);
            if (!Simulation.World.GetReadOnly<Gathering>(entity).Active)
            {
                if (InventoryRules.FreeSlots(Simulation.World.GetReadOnly<Inventory>(entity)) < 4)
                {
                    Simulation.World.Set(entity, _gatheringKit);
                }

                Simulation.Enqueue(PlayerAction.Interact(gatherer, node));
            }
        }

        foreach (var (maker, product, station, kit) in _makers)
        {
            Simulation.Context.TryResolve(maker, out var entity);
            if (!Simulation.World.GetReadOnly<Processing>(entity).Active)
            {
                Simulation.World.Set(entity, kit);
                Simulation.Enqueue(PlayerAction.Make(maker, product, station));
            }
        }

        for (var i = 0; i < WalkOrdersPerTick; i++)
        {
            var walker = _walkers[_script.Next(_walkers.Count)];
            Simulation.Context.TryResolve(walker, out var entity);
            var at = Simulation.World.GetReadOnly<Position>(entity).Tile;
            var x = Math.Clamp(at.X + _script.Next(-30, 31), 0, MapSize - 1);
            var z = Math.Clamp(at.Z + _script.Next(-30, 31), 0, MapSize - 1);
            Simulation.Enqueue(PlayerAction.Move(walker, x, z));
        }
    }

    private Dictionary<Tile, long> NodeIdsByTile()
    {
        var ids = new Dictionary<Tile, long>();
        foreach (var chunk in Simulation.World.Query(new Ecs.Store.QueryDescription().WithAll<Position, NetworkIdentity>().WithAny<ResourceNode, WorldObject>()).GetChunks())
        {
            var positions = chunk.GetReadOnlySpan<Position>();
            var identities = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < positions.Length; i++)
            {
                ids[positions[i].Tile] = identities[i].Id;
            }
        }

        return ids;
    }

    /// <summary>The <paramref name="index"/>-th walkable tile around a node (the tile south of it is free by construction).</summary>
    private static Tile BesideNode(TileMap map, Tile node, int index)
    {
        Span<Tile> around = [node with { Z = node.Z + 1 }, new(node.X + 1, node.Z + 1), new(node.X - 1, node.Z + 1), new(node.X + 1, node.Z), new(node.X - 1, node.Z)];
        for (var i = 0; i < around.Length; i++)
        {
            var tile = around[(index + i) % around.Length];
            if (map.Contains(tile) && map.IsWalkable(tile))
            {
                return tile;
            }
        }

        return node with { Z = node.Z + 1 };
    }

    private static Inventory MindRunes(int quantity)
    {
        var inventory = default(Inventory);
        inventory.Slots[0] = new ItemStack(ItemIds.MindRune, quantity);
        return inventory;
    }

    private static Inventory KitOf(params IEnumerable<int> items)
    {
        var inventory = default(Inventory);
        foreach (var item in items)
        {
            InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[item], 1);
        }

        return inventory;
    }

    private long NpcAt(Tile tile)
    {
        if (_npcByTile.Count == 0)
        {
            foreach (var chunk in Simulation.World.Query(new Ecs.Store.QueryDescription().WithAll<Npc, NetworkIdentity>()).GetChunks())
            {
                var npcs = chunk.GetReadOnlySpan<Npc>();
                for (var i = 0; i < npcs.Length; i++)
                {
                    _npcByTile.TryAdd(npcs[i].Home, chunk.Entities[i]);
                }
            }
        }

        return Simulation.World.GetReadOnly<NetworkIdentity>(_npcByTile[tile]).Id;
    }

    private static Tile FreeTile(TileMap map, Random random)
    {
        while (true)
        {
            var tile = new Tile(random.Next(2, MapSize - 2), random.Next(2, MapSize - 2));
            if (map.IsWalkable(tile) && map.IsWalkable(tile with { Z = tile.Z + 1 }))
            {
                return tile;
            }
        }
    }

    private static Skills Strong(int level)
    {
        var xp = new int[Skills.Count];
        Array.Fill(xp, XpTable.XpForLevel(level) * 10);
        return Skills.FromXpTenths(xp);
    }
}
