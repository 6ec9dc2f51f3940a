using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Store;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

/// <summary>
/// A game server and reference clients, driven frame by frame through the server itself: a tick
/// happens on every <see cref="GameServer.FramesPerTick"/>-th frame, as in a real host. With
/// <c>durable</c>, the server has a <see cref="RecordingStorage"/> that confirms only when told.
/// </summary>
internal sealed class SyncWorld
{
    public SyncWorld(int size, IReadOnlyList<NpcSpawnPoint> npcs, SyncOptions? options = null, long seed = 3, bool durable = false, IReadOnlyList<ResourceSpawn>? resources = null, IReadOnlyList<WorldObjectSpawn>? objects = null)
    {
        Storage = durable ? new RecordingStorage() : null;
        Server = new GameServer(new GameServerOptions
        {
            Simulation = new SimulationOptions
            {
                Seed = seed,
                Map = new TileMap(size, size),
                NpcSpawns = npcs,
                PlayerSpawn = new Tile(size / 2, size / 2),
                Resources = Ecs.Game.Rules.ResourceCatalog.Standard,
                ResourceSpawns = resources ?? [],
                Objects = objects ?? [],
                Shops = Ecs.Content.GameContent.Default.World.Shops,
            },
            Sync = options ?? SyncOptions.Default,
            Storage = Storage,
        });
    }

    public GameServer Server { get; }

    public RecordingStorage? Storage { get; }

    public Simulation Simulation => Server.Simulation;

    public NetworkSync Sync => Server.Sync;

    public ClientRouter Router { get; } = new();

    public World World => Simulation.World;

    /// <summary>The transactions of the last tick.</summary>
    public IReadOnlyList<ItemTransaction> LastTransactions => Simulation.ItemTransactions;

    public long Join(Tile at, long clientId, Func<CharacterState, CharacterState>? customize = null)
    {
        var state = new CharacterState { CharacterId = clientId, Name = $"c{clientId}", Position = Position.At(at) };
        var id = Simulation.Join(customize is null ? state : customize(state));
        return id;
    }

    public ReferenceClient Connect(long clientId, long playerNetworkId)
    {
        var client = new ReferenceClient(clientId, playerNetworkId);
        Router.Clients[clientId] = client;
        Server.Connect(clientId, playerNetworkId);
        return client;
    }

    /// <summary>Runs frames up to and including the next one that steps a tick.</summary>
    public void Tick()
    {
        while (true)
        {
            var ticking = Server.Frame % Server.FramesPerTick == 0;
            Server.RunFrame(Router);
            if (ticking)
            {
                return;
            }
        }
    }

    /// <summary>Runs frames; by default the rest of the tick, so the next frame is a tick's.</summary>
    public void Frames(int? count = null)
    {
        var frames = count ?? (int)(Server.FramesPerTick - (Server.Frame % Server.FramesPerTick));
        for (var i = 0; i < frames; i++)
        {
            Server.RunFrame(Router);
        }
    }

    /// <summary>Storage reports a transaction durable; the clients hear of it at the next frame.</summary>
    public void Confirm(long transactionId) => Storage!.Confirm(transactionId);

    /// <summary>Confirms every transaction of the last tick, as a host does once its store committed them.</summary>
    public void ConfirmLastTick()
    {
        foreach (var transaction in Simulation.ItemTransactions)
        {
            Confirm(transaction.Id);
        }
    }

    public void Enqueue(in PlayerAction action) => Simulation.Enqueue(action);

    /// <summary>Every networked entity with its tile, as the server knows it.</summary>
    public List<(long Id, Entity Entity, Tile Tile)> ServerEntities()
    {
        var result = new List<(long, Entity, Tile)>();
        foreach (var chunk in World.Query(new QueryDescription().WithAll<NetworkIdentity, Position>()).GetChunks())
        {
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < ids.Length; i++)
            {
                result.Add((ids[i].Id, chunk.Entities[i], positions[i].Tile));
            }
        }

        return result;
    }

    /// <summary>
    /// Checks a client against the server: it holds exactly what is in range (everything within the
    /// view radius, nothing beyond radius + margin), each within the thresholds, and its own private
    /// state exactly.
    /// </summary>
    public void AssertClientMatchesServer(ReferenceClient client, string when)
    {
        var options = Sync.Options;
        Assert.That(Simulation.Context.TryResolve(client.PlayerNetworkId, out var player), Is.True);
        var center = World.GetReadOnly<Position>(player).Tile;
        var server = ServerEntities().ToDictionary(e => e.Id);
        foreach (var (id, entity, tile) in server.Values)
        {
            if (tile.DistanceTo(center) <= options.ViewRadius && !client.Entities.ContainsKey(id))
            {
                Assert.Fail($"{when}: client {client.ClientId} misses {id} at distance {tile.DistanceTo(center)}");
            }
        }

        foreach (var (id, known) in client.Entities)
        {
            if (!server.TryGetValue(id, out var truth))
            {
                Assert.Fail($"{when}: client {client.ClientId} holds {id}, which no longer exists");
            }

            var distance = truth.Tile.DistanceTo(center);
            Assert.That(distance, Is.LessThanOrEqualTo(options.ViewRadius + options.ExitMargin), $"{when}: {id} is out of view");
            AssertMatches(truth.Entity, known, options, $"{when}: client {client.ClientId} entity {id}");
        }

        var inventory = World.GetReadOnly<Inventory>(player);
        Assert.That(client.Inventory, Is.EqualTo(((ReadOnlySpan<ItemStack>)inventory.Slots).ToArray()), $"{when}: own inventory");
        var equipment = World.GetReadOnly<Equipment>(player);
        Assert.That(client.Equipment, Is.EqualTo(((ReadOnlySpan<ItemStack>)equipment.Slots).ToArray()), $"{when}: own equipment");
        var skills = World.GetReadOnly<Skills>(player);
        var expectedSkills = ((ReadOnlySpan<SkillProgress>)skills.Values).ToArray().Select(s => (s.Level, s.XpTenths)).ToArray();
        Assert.That(client.Skills, Is.EqualTo(expectedSkills), $"{when}: own skills");
        var prayer = World.GetReadOnly<PrayerState>(player);
        Assert.That(client.Prayer, Is.EqualTo((prayer.Points, prayer.Active)), $"{when}: own prayer");
        var combat = World.GetReadOnly<CombatState>(player);
        Assert.That(client.Settings, Is.EqualTo(((int)combat.Option, combat.AutoRetaliate, World.GetReadOnly<Movement>(player).Running)), $"{when}: own settings");
    }

    private void AssertMatches(Entity entity, ClientEntity known, SyncOptions options, string what)
    {
        var position = World.GetReadOnly<Position>(entity);
        var dx = position.X - known.X;
        var dz = position.Z - known.Z;
        Assert.That(MathF.Sqrt((dx * dx) + (dz * dz)), Is.LessThan(options.PositionThreshold), $"{what}: position");
        if (World.TryGet<Rotation>(entity, out var rotation))
        {
            Assert.That(MathF.Abs(MathF.IEEERemainder(rotation.Yaw - known.Yaw, MathF.Tau)), Is.LessThan(options.RotationThreshold), $"{what}: rotation");
        }

        if (World.TryGet<Health>(entity, out var health))
        {
            Assert.That((known.Health, known.MaxHealth), Is.EqualTo((health.Current, health.Max)), $"{what}: health");
        }

        if (World.TryGet<CombatState>(entity, out var combat))
        {
            var target = !combat.Target.IsNull && World.TryGet<NetworkIdentity>(combat.Target, out var identity) ? identity.Id : 0;
            Assert.That((known.TargetId, known.CombatUntil), Is.EqualTo((target, combat.InCombatUntilTick)), $"{what}: combat");
        }

        if (World.TryGet<Player>(entity, out var player))
        {
            Assert.That(known.Kind, Is.EqualTo(WireEntityKind.Player));
            Assert.That(known.Name, Is.EqualTo(player.Name.ToString()), $"{what}: name");
            var worn = World.GetReadOnly<Equipment>(entity);
            Assert.That(known.Appearance, Is.EqualTo(((ReadOnlySpan<ItemStack>)worn.Slots).ToArray().Select(s => s.ItemId).ToArray()), $"{what}: appearance");
        }

        if (World.TryGet<Npc>(entity, out var npc))
        {
            Assert.That((known.Kind, known.TypeId), Is.EqualTo((WireEntityKind.Npc, npc.DefinitionId)), $"{what}: npc type");
        }

        if (World.TryGet<GroundItem>(entity, out var item))
        {
            Assert.That((known.Kind, known.TypeId, known.Quantity), Is.EqualTo((WireEntityKind.GroundItem, item.ItemId, item.Quantity)), $"{what}: ground item");
        }
    }
}
