using System.Buffers.Binary;
using System.Text;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Store;
using MessagePack;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The network-sync system. Call <see cref="BuildFrame"/> 20 times a second and
/// <see cref="QueueEvents"/> after each tick, on the simulation thread. Each client gets only what
/// changed, only for what it can see, in packets of at most <see cref="SyncOptions.MaxPacketSize"/>
/// bytes. What does not fit waits, by priority, and a later frame carries the latest value.
/// </summary>
/// <remarks>
/// Change detection stands on the store's change versions: only chunks written since the last
/// frame are read. Thresholds compare against what each client was last sent, never against the
/// previous tick, so slow drift is sent once it adds up. Steady-state frames allocate nothing.
/// With <see cref="SyncOptions.HoldItemChangesUntilConfirmed"/>, no client sees an item change
/// before its transaction is durable: ground items it created stay hidden, ground items it took
/// stay shown, worn items keep their confirmed look, and its events (a death, a trade, an
/// inventory change) wait, each client's events staying in order behind them.
/// </remarks>
internal sealed class NetworkSync
{
    private const int ArrayHeader32Size = 5;
    private const byte Array32 = 0xdd;

    // Bounds the work a crowded view adds to one frame; a crowd settles over a few frames.
    private const int MaxEvictionsPerPass = 16;
    private static readonly QueryDescription Synced = new QueryDescription().WithAll<NetworkIdentity, Position>();
    // NetworkIdentity is not watched: the sync itself bumps its version, which must not count as a change.
    private static readonly ComponentSet Watched = ComponentSet.Of<Position, Rotation, Health, CombatState>()
        .With<Emote>().With<Equipment>().With<GroundItem>().With<Inventory>().With<Skills>();

    private readonly GameContext _context;
    private readonly World _world;
    private readonly SyncOptions _options;
    private readonly Query _synced;
    private readonly SpatialGrid _grid;
    private readonly SpatialGrid _clientGrid;
    private readonly Dictionary<long, ClientView> _clients = [];
    private readonly List<ClientView> _clientOrder = [];
    private readonly Dictionary<long, ClientView> _clientByPlayer = [];
    private readonly Dictionary<int, ClientView> _clientByPlayerEntity = [];
    private readonly Dictionary<long, int> _entityIdByNetworkId = [];
    private readonly List<long> _vanished = [];

    // Item transactions handed over and not yet confirmed durable, by id. What they did is held
    // back from every client until then.
    private readonly Dictionary<long, ItemTransactionKind> _unconfirmed = [];

    // Ground items a held transaction created (hidden) or took (still shown), with their tile.
    private readonly Dictionary<long, (long Transaction, Tile Tile)> _heldSpawns = [];
    private readonly Dictionary<long, (long Transaction, Tile Tile)> _heldRemovals = [];

    // Players whose items a held transaction changed: the latest such transaction.
    private readonly Dictionary<long, long> _heldItems = [];
    private readonly List<long> _released = [];
    private readonly List<ClientFault> _faults = [];
    private AppearanceIds[] _appearances = new AppearanceIds[1024];
    private bool _clientGridStale;
    private readonly FixedBufferWriter _packet;
    private readonly FixedBufferWriter _scratch;
    private readonly byte[] _nameUtf8 = new byte[DisplayName.MaxLength * 3];
    private readonly long[] _order;
    private readonly float[] _priorityByDistance;
    private EntitySnapshot[] _snapshots = new EntitySnapshot[1024];
    private uint _frame;
    private int _groupsOwed;
    private int _nextGroup;
    private int _nextGroupAssignment;
    private uint _checkpoint;
    private uint _structure = uint.MaxValue;
    private long _packets;
    private long _bytes;
    private long _entriesSent;
    private long _entriesDeferred;
    private long _eventsDropped;
    private long _visibilityCapped;

    /// <summary>Creates the sync system over a simulation's world.</summary>
    public NetworkSync(Simulation simulation, SyncOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _options = options ?? SyncOptions.Default;
        _options.Validate();
        _context = simulation.Context;
        _world = _context.World;
        _synced = _world.Query(Synced);
        // Cells of half the radius: a range query touches a few small cells, not a few big ones.
        var cell = Math.Max(4, _options.ViewRadius / 2);
        _grid = new SpatialGrid(_context.Map.Width, _context.Map.Height, cell);
        _clientGrid = new SpatialGrid(_context.Map.Width, _context.Map.Height, cell);
        _packet = new FixedBufferWriter(_options.MaxPacketSize * 4);
        _scratch = new FixedBufferWriter(_options.MaxPacketSize * 4);
        _order = new long[_options.MaxVisiblePerClient];

        // Per frame of waiting: 3 for an entity on top of the player down to 1 at the view's edge.
        _priorityByDistance = new float[_options.ViewRadius + _options.ExitMargin + 1];
        for (var d = 0; d < _priorityByDistance.Length; d++)
        {
            _priorityByDistance[d] = 1f + (2f * Math.Max(0, _options.ViewRadius - d) / _options.ViewRadius);
        }
    }

    /// <summary>The options in force.</summary>
    public SyncOptions Options => _options;

    /// <summary>Connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Frames built so far.</summary>
    public uint Frame => _frame;

    /// <summary>Running totals.</summary>
    public SyncStatistics Statistics => new(_frame, _packets, _bytes, _entriesSent, _entriesDeferred, _eventsDropped, _visibilityCapped);

    /// <summary>
    /// Clients whose packets could not be built in the last <see cref="BuildFrame"/> (an exception,
    /// a bug): each is no longer synced, and the others were not affected.
    /// </summary>
    public IReadOnlyList<ClientFault> Faults => _faults;

    /// <summary>Starts syncing a client whose player has network id <paramref name="playerNetworkId"/>.</summary>
    public void AddClient(long clientId, long playerNetworkId)
    {
        if (_clients.ContainsKey(clientId))
        {
            throw new InvalidOperationException($"Client {clientId} is already synced.");
        }

        var client = new ClientView(clientId, playerNetworkId, _options) { HasBacklog = true, Group = _nextGroupAssignment++ % _options.InterestGroups };
        _clients.Add(clientId, client);
        _clientOrder.Add(client);
        _clientByPlayer[playerNetworkId] = client;
        _clientGridStale = true;
    }

    /// <summary>Stops syncing a client and frees everything kept for it.</summary>
    public bool RemoveClient(long clientId)
    {
        if (!_clients.Remove(clientId, out var client))
        {
            return false;
        }

        _clientOrder.Remove(client);
        if (_clientByPlayer.TryGetValue(client.PlayerNetworkId, out var byPlayer) && byPlayer == client)
        {
            _clientByPlayer.Remove(client.PlayerNetworkId);
        }

        return true;
    }

    /// <summary>
    /// Routes a tick's events: a player's own events (rejections, item changes, trades, level-ups)
    /// to that player's client; visible ones (damage, deaths, respawns, emotes) to every client that
    /// sees the subject. They go out with the next <see cref="BuildFrame"/>. The tick's
    /// <paramref name="transactions"/> (<see cref="Simulation.ItemTransactions"/>) are what the
    /// host is committing: with <see cref="SyncOptions.HoldItemChangesUntilConfirmed"/> each is
    /// held back from every client until <see cref="Confirm"/>.
    /// </summary>
    public void QueueEvents(ReadOnlySpan<GameEvent> events, IReadOnlyList<ItemTransaction>? transactions = null)
    {
        RebuildClientGrid();
        if (_options.HoldItemChangesUntilConfirmed && transactions is not null)
        {
            for (var t = 0; t < transactions.Count; t++)
            {
                Hold(transactions[t]);
            }
        }

        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case GameEventKind.ActionRejected or GameEventKind.InventoryChanged or GameEventKind.EquipmentChanged
                    or GameEventKind.Healed or GameEventKind.LevelUp or GameEventKind.NpcKilled
                    or GameEventKind.TradeOpened or GameEventKind.TradeUpdated or GameEventKind.TradeCompleted or GameEventKind.TradeCancelled:
                    if (e.Kind is GameEventKind.InventoryChanged or GameEventKind.EquipmentChanged && IsUnconfirmed(e.Transaction))
                    {
                        _heldItems[e.Subject] = e.Transaction;
                    }

                    if (_clientByPlayer.TryGetValue(e.Subject, out var owner))
                    {
                        Enqueue(owner, e, own: true);
                    }

                    break;
                case GameEventKind.TradeRequested:
                    if (_clientByPlayer.TryGetValue(e.Subject, out var asker))
                    {
                        Enqueue(asker, e, own: true);
                    }

                    if (_clientByPlayer.TryGetValue(e.Other, out var asked))
                    {
                        Enqueue(asked, e, own: true);
                    }

                    break;
                case GameEventKind.Damage or GameEventKind.Died or GameEventKind.Respawned or GameEventKind.EmotePlayed:
                    RouteVisible(e);
                    break;
            }
        }
    }

    /// <summary>
    /// Releases what was held for an item transaction now that storage committed it: its events
    /// go out with the next frame, ground items it created appear, ground items it took vanish,
    /// and its players' items and worn look follow once nothing newer of theirs is held. Unknown
    /// ids are ignored.
    /// </summary>
    public void Confirm(long transactionId)
    {
        if (!_unconfirmed.Remove(transactionId))
        {
            return;
        }

        Release(_heldSpawns, transactionId);
        Release(_heldRemovals, transactionId);
        if (_heldItems.Count == 0)
        {
            return;
        }

        _released.Clear();
        foreach (var (player, transaction) in _heldItems)
        {
            if (transaction == transactionId)
            {
                _released.Add(player);
            }
        }

        foreach (var player in _released)
        {
            _heldItems.Remove(player);
            ShowConfirmedItems(player);
        }
    }

    /// <summary>Item transactions still waiting for <see cref="Confirm"/>.</summary>
    public int UnconfirmedTransactions => _unconfirmed.Count;

    /// <summary>Adds the ids of clients that currently see <paramref name="networkId"/> (public chat goes to them).</summary>
    public void CollectClientsSeeing(long networkId, List<long> clientIds)
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        if (!_entityIdByNetworkId.TryGetValue(networkId, out var id))
        {
            return;
        }

        var entity = _snapshots[id].Entity;
        foreach (var client in _clientOrder)
        {
            var slot = client.Map.Find(entity.Id);
            if (slot >= 0 && client.Slots[slot].Entity == entity && client.Slots[slot].State == SlotState.Live)
            {
                clientIds.Add(client.ClientId);
            }
        }
    }

    /// <summary>Builds and sends one frame to every client that has something to receive.</summary>
    public void BuildFrame(IPacketSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _frame++;
        if (Refresh())
        {
            // Every group owes a refresh; they are paid one per frame from here. A player's own
            // entity and private state cannot wait for that: they are refreshed now, for everyone.
            _groupsOwed = _options.InterestGroups;
            foreach (var client in _clientOrder)
            {
                RefreshSelf(client);
            }
        }

        var group = -1;
        if (_groupsOwed > 0)
        {
            group = _nextGroup;
            _nextGroup = (_nextGroup + 1) % _options.InterestGroups;
            _groupsOwed--;
        }

        _faults.Clear();
        foreach (var client in _clientOrder)
        {
            try
            {
                if (client.Group == group || client.NeedsInterest)
                {
                    client.NeedsInterest = false;
                    UpdateInterest(client);
                }

                // Events first: they were routed when the tick ended, to clients that held their
                // subjects then, and this frame's despawns may remove those subjects.
                if (client.EventCount > 0)
                {
                    FlushEvents(client, sink);
                }

                if (client.HasBacklog)
                {
                    WriteSync(client, sink);
                }
            }
            catch (Exception exception)
            {
                // One client's bad state must not stop everyone's frame; the host disconnects it.
                _faults.Add(new ClientFault(client.ClientId, exception));
            }
        }

        foreach (var fault in _faults)
        {
            RemoveClient(fault.ClientId);
        }
    }

    /// <summary>Marks the client of a player entity for a fresh view next frame.</summary>
    internal void MarkInterest(Entity player)
    {
        if (_clientByPlayerEntity.TryGetValue(player.Id, out var client))
        {
            client.NeedsInterest = true;
        }
    }

    private bool IsUnconfirmed(long transaction) => transaction != 0 && _unconfirmed.ContainsKey(transaction);

    /// <summary>An event waits while its transaction does; an NPC's death does not wait for its loot (the NPC is gone at once).</summary>
    private bool IsHeld(in GameEvent gameEvent) =>
        gameEvent.Transaction != 0 && _unconfirmed.TryGetValue(gameEvent.Transaction, out var kind)
        && !(gameEvent.Kind == GameEventKind.Died && kind == ItemTransactionKind.NpcLoot);

    private void Hold(ItemTransaction transaction)
    {
        _unconfirmed[transaction.Id] = transaction.Kind;
        for (var i = 0; i < transaction.GroundItemsAdded.Count; i++)
        {
            var added = transaction.GroundItemsAdded[i];
            _heldSpawns[added.Id] = (transaction.Id, added.Position.Tile);
        }

        for (var i = 0; i < transaction.GroundItemsRemoved.Count; i++)
        {
            // Only what the sync knows can be on a client's screen; its last snapshot says where.
            var removed = transaction.GroundItemsRemoved[i];
            if (_heldSpawns.Remove(removed))
            {
                continue;
            }

            if (_entityIdByNetworkId.TryGetValue(removed, out var id) && _snapshots[id].NetworkId == removed)
            {
                ref readonly var last = ref _snapshots[id];
                _heldRemovals[removed] = (transaction.Id, new Position(last.X, last.Y, last.Z).Tile);
            }
        }
    }

    private void Release(Dictionary<long, (long Transaction, Tile Tile)> held, long transactionId)
    {
        if (held.Count == 0)
        {
            return;
        }

        RefreshClientGridIfStale();
        _released.Clear();
        foreach (var (networkId, (transaction, tile)) in held)
        {
            if (transaction == transactionId)
            {
                _released.Add(networkId);
                var marker = new InterestMarker { Sync = this };
                _clientGrid.VisitRange(tile, _options.ViewRadius + _options.ExitMargin, ref marker);
            }
        }

        foreach (var networkId in _released)
        {
            held.Remove(networkId);
        }
    }

    /// <summary>A player's items are confirmed: its worn look catches up, and its own client gets its items.</summary>
    private void ShowConfirmedItems(long playerNetworkId)
    {
        if (_clientByPlayer.TryGetValue(playerNetworkId, out var owner))
        {
            owner.HasBacklog = true;
        }

        if (!_context.TryResolve(playerNetworkId, out var player) || !_world.IsAlive(player) || !_world.Has<Equipment>(player)
            || player.Id >= _snapshots.Length || _snapshots[player.Id].Entity != player)
        {
            return;
        }

        RefreshClientGridIfStale();
        ref var snapshot = ref _snapshots[player.Id];
        var hash = CaptureAppearance(player.Id, _world.GetReadOnly<Equipment>(player));
        if (hash != snapshot.AppearanceHash)
        {
            // Stamped for the coming frame, so every client's next look at the player sees it.
            snapshot.AppearanceHash = hash;
            snapshot.AppearanceChanged = snapshot.ChangedFrame = _frame + 1;
        }

        var marker = new InterestMarker { Sync = this };
        _clientGrid.VisitRange(new Position(snapshot.X, snapshot.Y, snapshot.Z).Tile, _options.ViewRadius + _options.ExitMargin, ref marker);
        if (owner is not null)
        {
            owner.NeedsInterest = true;
        }
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


    // ---- interest -----------------------------------------------------------------------

    internal void See(ClientView client, Entity entity, int distance)
    {
        ref readonly var snapshot = ref _snapshots[entity.Id];
        var slot = client.Map.Find(entity.Id);
        if (slot >= 0 && client.Slots[slot].Entity != entity)
        {
            if (_heldRemovals.Count > 0 && _heldRemovals.ContainsKey(client.Slots[slot].NetworkId))
            {
                // The old entity's removal is not durable yet: it stays on screen, and the newcomer
                // that took its index waits for the slot.
                return;
            }

            // The index was recycled: the old entity is gone; it leaves, the new one arrives.
            Leave(client, slot);
            if (client.Slots[slot].State == SlotState.Leaving)
            {
                client.Map.Remove(entity.Id);
            }

            slot = -1;
        }

        if (slot < 0)
        {
            if (distance > _options.ViewRadius)
            {
                return;
            }

            if (_heldSpawns.Count > 0 && _heldSpawns.ContainsKey(snapshot.NetworkId))
            {
                // Created by a transaction that is not durable yet: nobody sees it before it is.
                return;
            }

            if (client.FreeCount == 0 || distance > client.AdmitWithin)
            {
                _visibilityCapped++;
                client.CappedCount++;
                client.RefusedByDistance[distance]++;
                return;
            }

            slot = client.Acquire(entity, snapshot.NetworkId);
            ref var fresh = ref client.Slots[slot];
            fresh.State = SlotState.Spawning;
            fresh.Pending = snapshot.SpawnFields;
        }

        ref var view = ref client.Slots[slot];
        if (view.State == SlotState.Leaving)
        {
            // Back in view before its despawn went out: the client still has it.
            view.State = SlotState.Live;
            client.LeavingCount--;
        }

        if (view.State == SlotState.Live && snapshot.ChangedFrame > view.Baseline.CheckedFrame)
        {
            view.Pending |= view.Baseline.Diff(snapshot, _options.PositionThreshold, _options.RotationThreshold);
            view.Baseline.CheckedFrame = _frame;
        }

        view.Seen = _frame;
        view.Distance = distance;
        if (view.Pending != SyncField.None)
        {
            // Near entities gain priority faster; everything waiting gains some, so nothing starves.
            view.Priority += _priorityByDistance[Math.Min(distance, _priorityByDistance.Length - 1)];
            client.MarkPending(slot);
            client.HasBacklog = true;
        }
    }

    private void UpdateInterest(ClientView client)
    {
        var hasPlayer = _context.TryResolve(client.PlayerNetworkId, out var player) && _world.IsAlive(player);
        client.CappedCount = 0;
        if (hasPlayer)
        {
            var visitor = new InterestVisitor { Sync = this, Client = client, Center = _world.GetReadOnly<Position>(player).Tile };
            _grid.VisitRange(visitor.Center, _options.ViewRadius + _options.ExitMargin, ref visitor);
            RefreshOwnState(client, player);
        }

        // Backwards: a release swaps the last active slot into the hole, which we have seen already.
        var slots = client.Slots;
        for (var i = client.ActiveCount - 1; i >= 0; i--)
        {
            var slot = client.Active[i];
            if (slots[slot].Seen != _frame && (_heldRemovals.Count == 0 || !_heldRemovals.ContainsKey(slots[slot].NetworkId)))
            {
                Leave(client, slot);
            }
        }

        client.AdmitWithin = int.MaxValue;
        if (client.CappedCount > 0)
        {
            MakeRoomForNearer(client);
        }
    }

    /// <summary>
    /// A full view keeps the nearest entities. Entities left out this pass are paired, nearest
    /// first, with the farthest tracked ones; each tracked entity strictly farther than its pair is
    /// despawned, and on the next pass only entities no farther than the paired ones may take the
    /// freed slots, so the evicted cannot simply come back. Equal distances never trade places.
    /// </summary>
    private static void MakeRoomForNearer(ClientView client)
    {
        var refused = client.RefusedByDistance;
        var slots = client.Slots;
        var evicted = 0;
        var admitWithin = 0;
        var distance = 0;
        while (evicted < MaxEvictionsPerPass)
        {
            while (distance < refused.Length && refused[distance] == 0)
            {
                distance++;
            }

            if (distance == refused.Length)
            {
                break;
            }

            var farthest = -1;
            var farthestDistance = distance;
            for (var i = 0; i < client.ActiveCount; i++)
            {
                var slot = client.Active[i];
                if (slots[slot].State != SlotState.Leaving && slots[slot].Distance > farthestDistance)
                {
                    farthest = slot;
                    farthestDistance = slots[slot].Distance;
                }
            }

            if (farthest < 0)
            {
                break;
            }

            Leave(client, farthest);
            refused[distance]--;
            admitWithin = distance;
            evicted++;
        }

        Array.Clear(refused);
        if (evicted > 0)
        {
            client.AdmitWithin = admitWithin;
        }

        // Another pass next frame fills what was freed (or, when only the admission limit refused
        // entities, what was free already).
        client.NeedsInterest = evicted > 0 || client.FreeCount > 0;
    }

    private void RefreshSelf(ClientView client)
    {
        if (_context.TryResolve(client.PlayerNetworkId, out var player) && _world.IsAlive(player) && player.Id < _snapshots.Length
            && _snapshots[player.Id].Entity == player)
        {
            See(client, player, 0);
            RefreshOwnState(client, player);
        }
    }

    private static void Leave(ClientView client, int slot)
    {
        ref var view = ref client.Slots[slot];
        if (view.State == SlotState.Spawning)
        {
            // The client never heard of it; nothing to take back.
            client.Release(slot);
            return;
        }

        if (view.State == SlotState.Live)
        {
            view.State = SlotState.Leaving;
            view.Pending = SyncField.None;
            client.Unlist(slot);
            client.LeavingCount++;
            client.HasBacklog = true;
        }
    }

    private void RefreshOwnState(ClientView client, Entity player)
    {
        if (!_world.Has<Inventory>(player))
        {
            return;
        }

        ref readonly var inventory = ref _world.GetReadOnly<Inventory>(player);
        ref readonly var equipment = ref _world.GetReadOnly<Equipment>(player);
        ref readonly var skills = ref _world.GetReadOnly<Skills>(player);
        var known = client.OwnStateKnown;
        if (!known || !SameSlots(inventory.Slots, client.SentInventory.Slots))
        {
            client.InventoryPending = true;
        }

        if (!known || !SameSlots(equipment.Slots, client.SentEquipment.Slots))
        {
            client.EquipmentPending = true;
        }

        if (!known || !SameSkills(skills.Values, client.SentSkills.Values))
        {
            client.SkillsPending = true;
        }

        client.OwnStateKnown = true;
        client.HasBacklog |= client.InventoryPending || client.EquipmentPending || client.SkillsPending;
    }

    private static bool SameSlots(ReadOnlySpan<ItemStack> a, ReadOnlySpan<ItemStack> b) => a.SequenceEqual(b);

    private static bool SameSkills(ReadOnlySpan<SkillProgress> a, ReadOnlySpan<SkillProgress> b) => a.SequenceEqual(b);

    // ---- snapshots ----------------------------------------------------------------------

    /// <summary>Refreshes snapshots from changed chunks; rebuilds the grid when anything changed.</summary>
    private bool Refresh()
    {
        var changed = _world.StructureVersion != _structure;
        foreach (var chunk in _synced.GetChunksChangedSince(Watched, _checkpoint))
        {
            changed = true;
            RefreshChunk(chunk);
        }

        _checkpoint = _world.AdvanceVersion();
        _structure = _world.StructureVersion;
        if (!changed)
        {
            return false;
        }

        _grid.Clear();
        foreach (var chunk in _synced.GetChunks())
        {
            var entities = chunk.Entities;
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < entities.Length; i++)
            {
                ref var snapshot = ref _snapshots[entities[i].Id];
                if (snapshot.Entity == entities[i] && snapshot.Kind != 0)
                {
                    snapshot.SeenFrame = _frame;
                    _grid.Add(entities[i], positions[i].Tile);
                }
            }
        }

        _grid.Build();
        _vanished.Clear();
        foreach (var (networkId, id) in _entityIdByNetworkId)
        {
            if (_snapshots[id].SeenFrame != _frame || _snapshots[id].NetworkId != networkId)
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

    private void RefreshChunk(ChunkView chunk)
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
        var kind = chunk.Has<Player>() ? WireEntityKind.Player : !npcs.IsEmpty ? WireEntityKind.Npc : !grounds.IsEmpty ? WireEntityKind.GroundItem : 0;
        if (kind == 0)
        {
            return;
        }

        EnsureSnapshotCapacity(entities);
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
                // seeing the confirmed look (<see cref="ShowConfirmedItems"/> catches it up).
                ref readonly var previous = ref _snapshots[entities[i].Id];
                now.AppearanceHash = previous.Entity == entities[i] && _heldItems.Count > 0 && _heldItems.ContainsKey(identities[i].Id)
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

            ref var stored = ref _snapshots[entities[i].Id];
            var same = stored.Entity == now.Entity;
            if (!same || !stored.SameFieldsAs(now))
            {
                if (same)
                {
                    now.StampChanges(stored, _frame);
                }
                else
                {
                    now.StampAll(_frame);
                }

                now.ChangedFrame = _frame;
                now.SeenFrame = same ? stored.SeenFrame : _frame;
                stored = now;

                // A new state to send: the entity's network version counts the states sent of it.
                identities[i].Version++;
                _entityIdByNetworkId[now.NetworkId] = entities[i].Id;
            }
        }
    }

    private void EnsureSnapshotCapacity(ReadOnlySpan<Entity> entities)
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

    // ---- writing ------------------------------------------------------------------------

    private void WriteSync(ClientView client, IPacketSink sink)
    {
        var budget = _options.MaxPacketSize;
        var countAt = BeginSync();
        var entries = 0;
        var backlog = false;
        var slots = client.Slots;

        // Despawns first: small, and they free the client's memory.
        for (var i = client.ActiveCount - 1; i >= 0 && client.LeavingCount > 0; i--)
        {
            var slot = client.Active[i];
            if (slots[slot].State != SlotState.Leaving)
            {
                continue;
            }

            if (budget - _packet.WrittenCount < 16)
            {
                backlog = true;
                break;
            }

            var writer = new SpanPackWriter(_packet.GetSpan(16));
            writer.WriteArrayHeader(2);
            writer.Write((long)SyncOp.Despawn);
            writer.Write(slots[slot].NetworkId);
            _packet.Advance(writer.Position);
            client.Release(slot);
            entries++;
        }

        entries += WriteOwnState(client, budget, ref backlog);

        var waiting = 0;
        var estimated = 0;
        for (var i = 0; i < client.PendingCount; i++)
        {
            var slot = client.PendingList[i];
            ref readonly var view = ref slots[slot];

            // Priority and slot packed in one key: a plain integer sort, ties broken by slot.
            _order[waiting++] = ((long)(view.Priority * 256f) << 16) | (uint)slot;
            estimated += MaxEntrySize(view.State == SlotState.Spawning ? SpawnEstimate : view.Pending);
        }

        // Order by priority (highest last, read backwards) only when not everything fits.
        var ordered = _order.AsSpan(0, waiting);
        if (_packet.WrittenCount + estimated > budget)
        {
            ordered.Sort();
        }

        for (var i = waiting - 1; i >= 0; i--)
        {
            var room = budget - _packet.WrittenCount;
            if (room < MinEntrySize)
            {
                _entriesDeferred += i + 1;
                backlog = true;
                break;
            }

            var slot = (int)(ordered[i] & 0xFFFF);
            ref var view = ref slots[slot];
            ref readonly var snapshot = ref _snapshots[view.Entity.Id];
            var spawning = view.State == SlotState.Spawning;
            var fields = spawning ? snapshot.SpawnFields : view.Pending;

            // The bound is conservative, so an entry under it is written straight into the packet.
            if (MaxEntrySize(fields) > room)
            {
                _entriesDeferred++;
                backlog = true;
                continue;
            }

            WriteEntity(_packet, spawning ? SyncOp.Spawn : SyncOp.Update, snapshot, fields);
            view.Baseline.Accept(snapshot, fields);
            view.Baseline.CheckedFrame = _frame;
            view.Pending = SyncField.None;
            view.Priority = 0;
            view.State = SlotState.Live;
            client.Unlist(slot);
            entries++;
        }

        client.HasBacklog = backlog;
        if (entries > 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_packet.WrittenSpanForPatching[(countAt + 1)..], (uint)entries);
            Send(client, sink, PacketDelivery.Droppable);
            _entriesSent += entries;
        }
    }

    private int WriteOwnState(ClientView client, int budget, ref bool backlog)
    {
        if (!_context.TryResolve(client.PlayerNetworkId, out var player) || !_world.Has<Inventory>(player))
        {
            client.InventoryPending = client.EquipmentPending = client.SkillsPending = false;
            return 0;
        }

        var written = 0;

        // Item state waits while a transaction of this player is unconfirmed: the client must not
        // see an item change that storage has not committed.
        var itemsHeld = _heldItems.Count > 0 && _heldItems.ContainsKey(client.PlayerNetworkId);
        if (client.InventoryPending && !itemsHeld)
        {
            ref readonly var inventory = ref _world.GetReadOnly<Inventory>(player);
            WriteStacks(SyncOp.OwnInventory, inventory.Slots);
            if (TryAppend(budget))
            {
                client.SentInventory = inventory;
                client.InventoryPending = false;
                written++;
            }
        }

        if (client.EquipmentPending && !itemsHeld)
        {
            ref readonly var equipment = ref _world.GetReadOnly<Equipment>(player);
            WriteStacks(SyncOp.OwnEquipment, equipment.Slots);
            if (TryAppend(budget))
            {
                client.SentEquipment = equipment;
                client.EquipmentPending = false;
                written++;
            }
        }

        if (client.SkillsPending)
        {
            ref readonly var skills = ref _world.GetReadOnly<Skills>(player);
            _scratch.Reset();
            var writer = new MessagePackWriter(_scratch);
            writer.WriteArrayHeader(2);
            writer.Write((int)SyncOp.OwnSkills);
            writer.WriteArrayHeader(Skills.Count);
            foreach (var skill in skills.Values)
            {
                writer.WriteArrayHeader(2);
                writer.Write(skill.Level);
                writer.Write(skill.XpTenths);
            }

            writer.Flush();
            if (TryAppend(budget))
            {
                client.SentSkills = skills;
                client.SkillsPending = false;
                written++;
            }
        }

        backlog |= client.InventoryPending || client.EquipmentPending || client.SkillsPending;
        return written;
    }

    private void WriteStacks(SyncOp op, ReadOnlySpan<ItemStack> stacks)
    {
        _scratch.Reset();
        var writer = new MessagePackWriter(_scratch);
        writer.WriteArrayHeader(2);
        writer.Write((int)op);
        writer.WriteArrayHeader(stacks.Length);
        foreach (var stack in stacks)
        {
            writer.WriteArrayHeader(2);
            writer.Write(stack.ItemId);
            writer.Write(stack.Quantity);
        }

        writer.Flush();
    }

    private void WriteEntity(FixedBufferWriter output, SyncOp op, in EntitySnapshot snapshot, SyncField fields)
    {
        var writer = new SpanPackWriter(output.GetSpan(MaxEntrySize(fields)));
        writer.WriteArrayHeader(3 + ValueCount(fields));
        writer.Write((long)op);
        writer.Write(snapshot.NetworkId);
        writer.WriteUnsigned((ushort)fields);
        if ((fields & SyncField.Kind) != 0)
        {
            writer.Write((long)snapshot.Kind);
        }

        if ((fields & SyncField.Position) != 0)
        {
            writer.WriteNumber(snapshot.X);
            writer.WriteNumber(snapshot.Y);
            writer.WriteNumber(snapshot.Z);
        }

        if ((fields & SyncField.Rotation) != 0)
        {
            writer.WriteNumber(snapshot.Yaw);
        }

        if ((fields & SyncField.Health) != 0)
        {
            writer.Write(snapshot.Health);
            writer.Write(snapshot.MaxHealth);
        }

        if ((fields & SyncField.Combat) != 0)
        {
            writer.Write(snapshot.TargetId);
            writer.Write(snapshot.CombatUntil);
        }

        if ((fields & SyncField.Emote) != 0)
        {
            writer.Write(snapshot.EmoteId);
            writer.Write(snapshot.EmoteUntil);
        }

        if ((fields & SyncField.Name) != 0)
        {
            var name = _world.GetReadOnly<Player>(snapshot.Entity).Name;
            var length = Encoding.UTF8.GetBytes(name.AsSpan(), _nameUtf8);
            writer.WriteString(_nameUtf8.AsSpan(0, length));
        }

        if ((fields & SyncField.Type) != 0)
        {
            writer.Write(snapshot.TypeId);
        }

        if ((fields & SyncField.Quantity) != 0)
        {
            writer.Write(snapshot.Quantity);
        }

        if ((fields & SyncField.Appearance) != 0)
        {
            ref readonly var shown = ref _appearances[snapshot.Entity.Id];
            writer.WriteArrayHeader(Equipment.SlotCount);
            foreach (var itemId in shown)
            {
                writer.Write(itemId);
            }
        }

        output.Advance(writer.Position);
    }

    private const SyncField SpawnEstimate = SyncField.Kind | SyncField.Position | SyncField.Rotation | SyncField.Health
        | SyncField.Combat | SyncField.Emote | SyncField.Name | SyncField.Appearance;

    /// <summary>The smallest entry: an update of one small field.</summary>
    private const int MinEntrySize = 8;

    /// <summary>An upper bound of an entry's encoded size, so entries that cannot fit are not encoded.</summary>
    private static int MaxEntrySize(SyncField fields)
    {
        // Array header, op, network id (int64), mask (uint16).
        var size = 3 + 1 + 9 + 3;
        size += (fields & SyncField.Kind) != 0 ? 1 : 0;
        size += (fields & SyncField.Position) != 0 ? 15 : 0;
        size += (fields & SyncField.Rotation) != 0 ? 5 : 0;
        size += (fields & SyncField.Health) != 0 ? 10 : 0;
        size += (fields & SyncField.Combat) != 0 ? 18 : 0;
        size += (fields & SyncField.Emote) != 0 ? 14 : 0;
        size += (fields & SyncField.Name) != 0 ? 2 + (DisplayName.MaxLength * 3) : 0;
        size += (fields & SyncField.Type) != 0 ? 5 : 0;
        size += (fields & SyncField.Quantity) != 0 ? 5 : 0;
        size += (fields & SyncField.Appearance) != 0 ? 3 + (Equipment.SlotCount * 5) : 0;
        return size;
    }

    /// <summary>How many array elements follow the mask for these fields.</summary>
    public static int ValueCount(SyncField fields)
    {
        var count = 0;
        count += (fields & SyncField.Kind) != 0 ? 1 : 0;
        count += (fields & SyncField.Position) != 0 ? 3 : 0;
        count += (fields & SyncField.Rotation) != 0 ? 1 : 0;
        count += (fields & SyncField.Health) != 0 ? 2 : 0;
        count += (fields & SyncField.Combat) != 0 ? 2 : 0;
        count += (fields & SyncField.Emote) != 0 ? 2 : 0;
        count += (fields & SyncField.Name) != 0 ? 1 : 0;
        count += (fields & SyncField.Type) != 0 ? 1 : 0;
        count += (fields & SyncField.Quantity) != 0 ? 1 : 0;
        count += (fields & SyncField.Appearance) != 0 ? 1 : 0;
        return count;
    }

    /// <summary>Starts a sync packet; returns where the entry count must be patched.</summary>
    private int BeginSync()
    {
        _packet.Reset();
        var writer = new MessagePackWriter(_packet);
        writer.WriteArrayHeader(4);
        writer.Write((int)MessageType.Sync);
        writer.Write(_frame);
        writer.Write(_context.Tick);
        writer.Flush();
        var countAt = _packet.WrittenCount;
        _packet.GetSpan(ArrayHeader32Size)[0] = Array32;
        _packet.Advance(ArrayHeader32Size);
        return countAt;
    }

    /// <summary>Moves the scratch entry into the packet if it fits the budget.</summary>
    private bool TryAppend(int budget)
    {
        if (_packet.WrittenCount + _scratch.WrittenCount > budget)
        {
            return false;
        }

        _scratch.WrittenSpan.CopyTo(_packet.GetSpan(_scratch.WrittenCount));
        _packet.Advance(_scratch.WrittenCount);
        return true;
    }

    private void Send(ClientView client, IPacketSink sink, PacketDelivery delivery)
    {
        sink.Send(client.ClientId, _packet.WrittenSpan, delivery);
        _packets++;
        _bytes += _packet.WrittenCount;
    }

    // ---- events -------------------------------------------------------------------------

    internal void OfferVisibleEvent(Entity viewerPlayer, Entity subject, in GameEvent gameEvent)
    {
        if (!_clientByPlayerEntity.TryGetValue(viewerPlayer.Id, out var client))
        {
            return;
        }

        var slot = client.Map.Find(subject.Id);
        // Only clients that hold the subject: an event never names an entity the client does not know.
        if (slot >= 0 && client.Slots[slot].Entity == subject && client.Slots[slot].State == SlotState.Live)
        {
            Enqueue(client, gameEvent, own: gameEvent.Subject == client.PlayerNetworkId);
        }
    }

    private void RouteVisible(in GameEvent gameEvent)
    {
        if (!_entityIdByNetworkId.TryGetValue(gameEvent.Subject, out var id) || _snapshots[id].NetworkId != gameEvent.Subject)
        {
            return;
        }

        ref readonly var snapshot = ref _snapshots[id];
        var tile = new Position(snapshot.X, snapshot.Y, snapshot.Z).Tile;
        var visitor = new ClientGridVisitor { Sync = this, Event = gameEvent, Subject = snapshot.Entity };
        _clientGrid.VisitRange(tile, _options.ViewRadius + _options.ExitMargin, ref visitor);
    }

    /// <summary>Positions change only in ticks, so the grid built then is exact, unless clients joined since.</summary>
    private void RefreshClientGridIfStale()
    {
        if (_clientGridStale)
        {
            RebuildClientGrid();
        }
    }

    private void RebuildClientGrid()
    {
        _clientGridStale = false;
        _clientGrid.Clear();
        _clientByPlayerEntity.Clear();
        foreach (var client in _clientOrder)
        {
            if (_context.TryResolve(client.PlayerNetworkId, out var player) && _world.IsAlive(player))
            {
                _clientGrid.Add(player, _world.GetReadOnly<Position>(player).Tile);
                _clientByPlayerEntity[player.Id] = client;
            }
        }

        _clientGrid.Build();
    }

    private void Enqueue(ClientView client, in GameEvent gameEvent, bool own)
    {
        if (client.EventCount == client.Events.Length)
        {
            if (client.EventCount >= _options.MaxPendingEvents && !own)
            {
                // Others' hitsplats are what gives way; a player's own events are never dropped.
                _eventsDropped++;
                client.EventsDropped++;
                return;
            }

            var events = client.Events;
            Array.Resize(ref events, events.Length * 2);
            client.Events = events;
        }

        client.Events[client.EventCount++] = gameEvent;
    }

    private void FlushEvents(ClientView client, IPacketSink sink)
    {
        // Events leave in order, up to the first one whose transaction is not durable yet; the
        // rest wait behind it, so a client never sees a respawn before the death it follows.
        var ready = 0;
        while (ready < client.EventCount && (_unconfirmed.Count == 0 || !IsHeld(client.Events[ready])))
        {
            ready++;
        }

        var budget = _options.MaxPacketSize;
        var sent = 0;
        while (sent < ready)
        {
            _packet.Reset();
            var writer = new MessagePackWriter(_packet);
            writer.WriteArrayHeader(3);
            writer.Write((int)MessageType.Event);
            writer.Write(_context.Tick);
            writer.Flush();
            var countAt = _packet.WrittenCount;
            _packet.GetSpan(ArrayHeader32Size)[0] = Array32;
            _packet.Advance(ArrayHeader32Size);
            var inPacket = 0;
            while (sent < ready)
            {
                ref readonly var gameEvent = ref client.Events[sent];
                if (client.EventsWaited && !StillVisible(client, gameEvent))
                {
                    // Held until its subject left this client's view: it would name an unknown entity.
                    sent++;
                    continue;
                }

                _scratch.Reset();
                var entry = new MessagePackWriter(_scratch);
                ServerMessages.WriteEvent(ref entry, gameEvent);
                entry.Flush();
                if (!TryAppend(budget))
                {
                    if (inPacket == 0)
                    {
                        // Cannot happen with the protocol's event size, but never loop on it.
                        _eventsDropped++;
                        sent++;
                    }

                    break;
                }

                inPacket++;
                sent++;
            }

            if (inPacket > 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(_packet.WrittenSpanForPatching[(countAt + 1)..], (uint)inPacket);
                Send(client, sink, PacketDelivery.Reliable);
            }
        }

        var left = client.EventCount - ready;
        if (left > 0 && ready > 0)
        {
            Array.Copy(client.Events, ready, client.Events, 0, left);
        }

        client.EventCount = left;
        client.EventsWaited = left > 0;
    }

    /// <summary>
    /// An event about someone else that waited behind a held one goes out only while this client
    /// still shows its subject: the subject may have left its view meanwhile.
    /// </summary>
    private bool StillVisible(ClientView client, in GameEvent gameEvent)
    {
        if (gameEvent.Subject == client.PlayerNetworkId
            || gameEvent.Kind is not (GameEventKind.Damage or GameEventKind.Died or GameEventKind.Respawned or GameEventKind.EmotePlayed))
        {
            return true;
        }

        // By network id, since the subject may be gone from the world (a dead NPC) while the client
        // still shows it. Leaving still counts: its despawn goes out after this frame's events.
        // A scan of at most the view's size, and only for events that waited.
        for (var i = 0; i < client.ActiveCount; i++)
        {
            ref readonly var view = ref client.Slots[client.Active[i]];
            if (view.NetworkId == gameEvent.Subject)
            {
                return view.State is SlotState.Live or SlotState.Leaving;
            }
        }

        return false;
    }
}
