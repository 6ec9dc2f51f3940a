using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Change detection: what the sync knows of every networked entity now, refreshed only from the
/// chunks written since the last frame (the store's change versions), each field group stamped
/// with the frame it last changed; the entities placed on a grid for interest; the directory
/// from network ids to snapshots; and each player's worn items as last confirmed durable.
/// </summary>
internal sealed class SnapshotTable
{
    private static readonly QueryDescription Synced = new QueryDescription().WithAll<NetworkIdentity, Position>();

    // NetworkIdentity is not watched: the sync itself bumps its version, which must not count as a change.
    private static readonly ComponentSet Watched = ComponentSet.Of<Position, Rotation, Health, CombatState>()
        .With<Emote>().With<Equipment>().With<GroundItem>().With<Inventory>().With<Skills>().With<ResourceNode>().With<WorldObject>().With<Gravestone>().With<Ghost>();

    private readonly GameContext _context;
    private readonly World _world;
    private readonly Query _synced;
    private readonly Dictionary<long, int> _entityIdByNetworkId = [];
    private readonly List<long> _vanished = [];
    private EntitySnapshot[] _snapshots = new EntitySnapshot[1024];
    private AppearanceIds[] _appearances = new AppearanceIds[1024];
    private uint _checkpoint;
    private uint _structure = uint.MaxValue;

    public SnapshotTable(GameContext context, SyncOptions options)
    {
        _context = context;
        _world = context.World;
        _synced = _world.Query(Synced);

        // Cells of half the radius: a range query touches a few small cells, not a few big ones.
        Grid = new SpatialGrid(context.Map.Width, context.Map.Height, Math.Max(4, options.ViewRadius / 2));
    }

    /// <summary>Every networked entity by tile, rebuilt whenever anything changed.</summary>
    public SpatialGrid Grid { get; }

    /// <summary>The snapshot of the entity with this index (valid for entities the table has seen).</summary>
    public ref EntitySnapshot this[int entityId] => ref _snapshots[entityId];

    /// <summary>Entity indices below this have room for a snapshot.</summary>
    public int Capacity => _snapshots.Length;

    /// <summary>True when <paramref name="entity"/> has a current snapshot.</summary>
    public bool Holds(Entity entity) => entity.Id < _snapshots.Length && _snapshots[entity.Id].Entity == entity;

    /// <summary>The entity index of a network id the table knows (false for ones gone from the world).</summary>
    public bool TryFind(long networkId, out int entityId) =>
        _entityIdByNetworkId.TryGetValue(networkId, out entityId) && _snapshots[entityId].NetworkId == networkId;

    /// <summary>The worn item ids shown of a player entity.</summary>
    public ref readonly AppearanceIds AppearanceOf(int entityId) => ref _appearances[entityId];

    /// <summary>
    /// Refreshes snapshots from the chunks written since the last call; rebuilds the grid when
    /// anything changed. The worn look of a player in <paramref name="itemsHeld"/> stays as it was.
    /// </summary>
    public bool Refresh(uint frame, DurabilityGate itemsHeld)
    {
        var changed = _world.StructureVersion != _structure;
        foreach (var chunk in _synced.GetChunksChangedSince(Watched, _checkpoint))
        {
            changed = true;
            RefreshChunk(chunk, frame, itemsHeld);
        }

        _checkpoint = _world.AdvanceVersion();
        _structure = _world.StructureVersion;
        if (!changed)
        {
            return false;
        }

        Grid.Clear();
        foreach (var chunk in _synced.GetChunks())
        {
            var entities = chunk.Entities;
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < entities.Length; i++)
            {
                ref var snapshot = ref _snapshots[entities[i].Id];
                if (snapshot.Entity == entities[i] && snapshot.Kind != 0)
                {
                    snapshot.SeenFrame = frame;
                    Grid.Add(entities[i], positions[i].Tile);
                }
            }
        }

        Grid.Build();
        _vanished.Clear();
        foreach (var (networkId, id) in _entityIdByNetworkId)
        {
            if (_snapshots[id].SeenFrame != frame || _snapshots[id].NetworkId != networkId)
            {
                _vanished.Add(networkId);
            }
        }

        foreach (var networkId in _vanished)
        {
            _entityIdByNetworkId.Remove(networkId);
        }

        return true;
    }

    /// <summary>
    /// A player's item change became durable: its shown look catches up with what it wears, stamped
    /// for <paramref name="frame"/>. Returns where the player stands, or null when it is gone.
    /// </summary>
    public Tile? ShowWornItems(long playerNetworkId, uint frame)
    {
        if (!_context.TryResolve(playerNetworkId, out var player) || !_world.IsAlive(player) || !_world.Has<Equipment>(player) || !Holds(player))
        {
            return null;
        }

        ref var snapshot = ref _snapshots[player.Id];
        var hash = CaptureAppearance(player.Id, _world.GetReadOnly<Equipment>(player));
        if (hash != snapshot.AppearanceHash)
        {
            snapshot.AppearanceHash = hash;
            snapshot.AppearanceChanged = snapshot.ChangedFrame = frame;
        }

        return snapshot.Tile;
    }

    private void RefreshChunk(ChunkView chunk, uint frame, DurabilityGate itemsHeld)
    {
        var entities = chunk.Entities;
        var identities = chunk.GetSpan<NetworkIdentity>();
        var positions = chunk.GetReadOnlySpan<Position>();
        var rotations = chunk.Has<Rotation>() ? chunk.GetReadOnlySpan<Rotation>() : default;
        var healths = chunk.Has<Health>() ? chunk.GetReadOnlySpan<Health>() : default;
        var combats = chunk.Has<CombatState>() ? chunk.GetReadOnlySpan<CombatState>() : default;
        var emotes = chunk.Has<Emote>() ? chunk.GetReadOnlySpan<Emote>() : default;
        var equipments = chunk.Has<Equipment>() ? chunk.GetReadOnlySpan<Equipment>() : default;
        var grounds = chunk.Has<GroundItem>() ? chunk.GetReadOnlySpan<GroundItem>() : default;
        var npcs = chunk.Has<Npc>() ? chunk.GetReadOnlySpan<Npc>() : default;
        var nodes = chunk.Has<ResourceNode>() ? chunk.GetReadOnlySpan<ResourceNode>() : default;
        var objects = chunk.Has<WorldObject>() ? chunk.GetReadOnlySpan<WorldObject>() : default;
        var graves = chunk.Has<Gravestone>() ? chunk.GetReadOnlySpan<Gravestone>() : default;
        var ghosts = chunk.Has<Ghost>() ? chunk.GetReadOnlySpan<Ghost>() : default;
        var kind = chunk.Has<Player>() || !ghosts.IsEmpty ? WireEntityKind.Player
            : !npcs.IsEmpty ? WireEntityKind.Npc
            : !grounds.IsEmpty ? WireEntityKind.GroundItem
            : !nodes.IsEmpty ? WireEntityKind.Resource
            : !objects.IsEmpty ? WireEntityKind.Object
            : !graves.IsEmpty ? WireEntityKind.Gravestone
            : 0;
        if (kind == 0)
        {
            return;
        }

        EnsureCapacity(entities);
        for (var i = 0; i < entities.Length; i++)
        {
            var now = new EntitySnapshot
            {
                Entity = entities[i],
                NetworkId = identities[i].Id,
                Kind = kind,
                X = positions[i].X,
                Y = positions[i].Y,
                Z = positions[i].Z,
            };
            if (!rotations.IsEmpty)
            {
                now.Yaw = rotations[i].Yaw;
            }

            if (!healths.IsEmpty)
            {
                now.Health = healths[i].Current;
                now.MaxHealth = healths[i].Max;
            }

            if (!combats.IsEmpty)
            {
                var target = combats[i].Target;
                now.TargetId = !target.IsNull && _world.TryGet<NetworkIdentity>(target, out var targetIdentity) ? targetIdentity.Id : 0;
                now.CombatUntil = combats[i].InCombatUntilTick;
            }

            if (!emotes.IsEmpty)
            {
                now.EmoteId = emotes[i].Id;
                now.EmoteUntil = emotes[i].UntilTick;
            }

            if (!equipments.IsEmpty)
            {
                // While a transaction that changed this player's items is unconfirmed, others keep
                // seeing the confirmed look (ShowWornItems catches it up).
                ref readonly var previous = ref _snapshots[entities[i].Id];
                now.AppearanceHash = previous.Entity == entities[i] && itemsHeld.HoldsItemsOf(identities[i].Id)
                    ? previous.AppearanceHash
                    : CaptureAppearance(entities[i].Id, equipments[i]);
            }

            if (!npcs.IsEmpty)
            {
                now.TypeId = npcs[i].DefinitionId;
            }

            if (!grounds.IsEmpty)
            {
                now.TypeId = grounds[i].ItemId;
                now.Quantity = grounds[i].Quantity;
            }

            if (!nodes.IsEmpty)
            {
                now.TypeId = nodes[i].DefinitionId;
                now.Quantity = nodes[i].Depleted ? 0 : 1;
            }

            if (!objects.IsEmpty)
            {
                now.TypeId = (int)objects[i].Kind;
                now.Quantity = 1;
            }

            if (!graves.IsEmpty)
            {
                now.Quantity = graves[i].StackCount;
            }

            if (!ghosts.IsEmpty)
            {
                ref readonly var ghost = ref ghosts[i];
                now.Kind = ghost.Kind;
                now.TypeId = ghost.TypeId;
                now.Yaw = ghost.Yaw;
                now.Health = ghost.Health;
                now.MaxHealth = ghost.MaxHealth;
                if (ghost.Kind == WireEntityKind.Player)
                {
                    now.AppearanceHash = CaptureAppearance(entities[i].Id, ghost.Worn);
                }
            }

            ref var stored = ref _snapshots[entities[i].Id];
            var same = stored.Entity == now.Entity;
            if (!same || !stored.SameFieldsAs(now))
            {
                if (same)
                {
                    now.StampChanges(stored, frame);
                }
                else
                {
                    now.StampAll(frame);
                }

                now.ChangedFrame = frame;
                now.SeenFrame = same ? stored.SeenFrame : frame;
                stored = now;

                // A new state to send: the entity's network version counts the states sent of it.
                identities[i].Version++;
                _entityIdByNetworkId[now.NetworkId] = entities[i].Id;
            }
        }
    }

    private void EnsureCapacity(ReadOnlySpan<Entity> entities)
    {
        var max = 0;
        foreach (var entity in entities)
        {
            max = Math.Max(max, entity.Id);
        }

        if (max >= _snapshots.Length)
        {
            Array.Resize(ref _snapshots, Math.Max(max + 1, _snapshots.Length * 2));
            Array.Resize(ref _appearances, _snapshots.Length);
        }
    }

    private uint CaptureAppearance(int entityId, in WornItems worn)
    {
        ref var shown = ref _appearances[entityId];
        var hash = 2166136261u;
        for (var i = 0; i < Equipment.SlotCount; i++)
        {
            shown[i] = worn[i];
            hash = (hash ^ (uint)worn[i]) * 16777619u;
        }

        return hash;
    }

    private uint CaptureAppearance(int entityId, in Equipment equipment)
    {
        ref var shown = ref _appearances[entityId];
        var hash = 2166136261u;
        for (var i = 0; i < Equipment.SlotCount; i++)
        {
            shown[i] = equipment.Slots[i].ItemId;
            hash = (hash ^ (uint)equipment.Slots[i].ItemId) * 16777619u;
        }

        return hash;
    }
}
