using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>Drives a simulation in tests: an open map, players from character states, and every event kept.</summary>
internal sealed class SimulationHarness
{
    private long _nextCharacter = 1;

    public SimulationHarness(int size = 64, IReadOnlyList<NpcSpawnPoint>? npcs = null, IReadOnlyList<GroundItemSpawn>? items = null, long seed = 7, Action<TileMap>? walls = null, NpcCatalog? npcTypes = null, IReadOnlyList<Tile>? altars = null, IReadOnlyList<ResourceSpawn>? resources = null, IReadOnlyList<WorldObjectSpawn>? objects = null, IReadOnlyList<AgilityCourse>? courses = null, Func<SimulationOptions, SimulationOptions>? configure = null)
    {
        var map = new TileMap(size, size);
        walls?.Invoke(map);
        var options = new SimulationOptions
        {
            Seed = seed,
            Map = map,
            NpcSpawns = npcs ?? [],
            Npcs = npcTypes ?? NpcCatalog.Standard,
            Altars = altars ?? [],
            Resources = ResourceCatalog.Standard,
            ResourceSpawns = resources ?? [],
            Objects = objects ?? [],
            Recipes = RecipeCatalog.Standard,
            Spells = SpellBook.Standard,
            AgilityCourses = courses ?? [],
            Shops = Ecs.Content.GameContent.Default.World.Shops,
            GroundItems = items ?? [],
            PlayerSpawn = new Tile(1, 1),
        };
        Sim = new Ecs.Game.Simulation(configure is null ? options : configure(options));
    }

    public Ecs.Game.Simulation Sim { get; }

    public World World => Sim.World;

    public List<GameEvent> Log { get; } = [];

    public static Inventory InventoryOf(params (int Item, int Quantity)[] stacks)
    {
        var inventory = default(Inventory);
        foreach (var (item, quantity) in stacks)
        {
            var result = InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[item], quantity);
            Assert.That(result, Is.EqualTo(RejectionReason.None), "test setup");
        }

        return inventory;
    }

    /// <summary>Joins a character at a tile and steps once so it exists.</summary>
    public long Join(Tile at, Func<CharacterState, CharacterState>? customize = null, string? name = null)
    {
        var state = new CharacterState { CharacterId = _nextCharacter, Name = name ?? $"p{_nextCharacter}", Position = Position.At(at) };
        _nextCharacter++;
        var id = Sim.Join(customize is null ? state : customize(state));
        Step();
        return id;
    }

    public void Act(in PlayerAction action) => Sim.Enqueue(action);

    /// <summary>Applies one action in its own tick; returns its refusal reason, or None.</summary>
    public RejectionReason Do(in PlayerAction action)
    {
        var before = Log.Count;
        Act(action);
        Step();
        for (var i = before; i < Log.Count; i++)
        {
            if (Log[i].Kind == GameEventKind.ActionRejected && Log[i].Subject == action.PlayerId)
            {
                return Log[i].Reason;
            }
        }

        return RejectionReason.None;
    }

    public void Step(int ticks = 1)
    {
        for (var i = 0; i < ticks; i++)
        {
            Sim.Step();
            Log.AddRange(Sim.Events.ToArray());
        }
    }

    public Entity EntityOf(long networkId)
    {
        Assert.That(Sim.Context.TryResolve(networkId, out var entity), Is.True, $"network id {networkId} is not in the world");
        return entity;
    }

    public T Get<T>(long networkId)
        where T : unmanaged => World.GetReadOnly<T>(EntityOf(networkId));

    public ref T Edit<T>(long networkId)
        where T : unmanaged => ref World.Get<T>(EntityOf(networkId));

    public Tile TileOf(long networkId) => Get<Position>(networkId).Tile;

    /// <summary>The id of the default world's resource type with this key.</summary>
    public static int ResourceType(string key) => ResourceCatalog.Standard.All.Single(r => r.Key == key).Id;

    /// <summary>The network id of the resource node or world object standing at <paramref name="tile"/>.</summary>
    public long NodeAt(Tile tile)
    {
        foreach (var chunk in World.Query(new QueryDescription().WithAll<Position, NetworkIdentity>().WithAny<ResourceNode, WorldObject>()).GetChunks())
        {
            var positions = chunk.GetReadOnlySpan<Position>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < positions.Length; i++)
            {
                if (positions[i].Tile == tile)
                {
                    return ids[i].Id;
                }
            }
        }

        Assert.Fail($"no resource node or object at {tile}");
        return 0;
    }

    public List<GameEvent> Events(GameEventKind kind) => Log.Where(e => e.Kind == kind).ToList();

    /// <summary>The network id of the NPC standing at a spawn's tile when the world was built.</summary>
    public long NpcNear(Tile tile)
    {
        foreach (var chunk in World.Query(new QueryDescription().WithAll<Npc, NetworkIdentity>()).GetChunks())
        {
            var npcs = chunk.GetReadOnlySpan<Npc>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            for (var i = 0; i < npcs.Length; i++)
            {
                if (npcs[i].Home == tile)
                {
                    return ids[i].Id;
                }
            }
        }

        Assert.Fail($"no NPC calls {tile} home");
        return 0;
    }

    public List<long> LivingNpcs()
    {
        var result = new List<long>();
        foreach (var chunk in World.Query(new QueryDescription().WithAll<Npc, NetworkIdentity>()).GetChunks())
        {
            foreach (var identity in chunk.GetReadOnlySpan<NetworkIdentity>())
            {
                result.Add(identity.Id);
            }
        }

        return result;
    }

    public List<(long Id, GroundItem Item, Tile Tile)> GroundItems()
    {
        var result = new List<(long, GroundItem, Tile)>();
        foreach (var chunk in World.Query(new QueryDescription().WithAll<GroundItem, NetworkIdentity, Position>()).GetChunks())
        {
            var items = chunk.GetReadOnlySpan<GroundItem>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < items.Length; i++)
            {
                result.Add((ids[i].Id, items[i], positions[i].Tile));
            }
        }

        return result;
    }

    public List<(long Id, Gravestone Grave, Tile Tile)> Gravestones()
    {
        var result = new List<(long, Gravestone, Tile)>();
        foreach (var chunk in World.Query(new QueryDescription().WithAll<Gravestone, NetworkIdentity, Position>()).GetChunks())
        {
            var graves = chunk.GetReadOnlySpan<Gravestone>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < graves.Length; i++)
            {
                result.Add((ids[i].Id, graves[i], positions[i].Tile));
            }
        }

        return result;
    }

    /// <summary>A character with every combat skill at <paramref name="level"/>.</summary>
    public static CharacterState Strong(CharacterState state, int level)
    {
        var xp = new int[Skills.Count];
        for (var i = 0; i < Skills.Count; i++)
        {
            xp[i] = XpTable.XpForLevel(level) * 10;
        }

        return state with { Skills = Skills.FromXpTenths(xp), Health = new Health(level, level) };
    }
}
