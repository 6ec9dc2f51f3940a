using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Interest: which entities each client tracks (those within the view radius, leaving only past
/// radius + margin; in a crowd the nearest, up to the view's cap), what is pending for each, and
/// its own private state. Views are refreshed in staggered groups after a change, except a
/// player's own entity and private state, refreshed for everyone at once.
/// </summary>
internal sealed class InterestManager
{
    // Bounds the work a crowded view adds to one frame; a crowd settles over a few frames.
    private const int MaxEvictionsPerPass = ClientView.CandidateCapacity;

    // Tiles looked past the distance where a crowd filled the view: what moves in a tick.
    private const int CrowdMargin = 2;

    private readonly GameContext _context;
    private readonly World _world;
    private readonly SyncOptions _options;
    private readonly SnapshotTable _snapshots;
    private readonly DurabilityGate _gate;
    private readonly SyncCounters _counters;
    private readonly float[] _priorityByDistance;
    private int _groupsOwed;
    private int _nextGroup;

    public InterestManager(GameContext context, SyncOptions options, SnapshotTable snapshots, DurabilityGate gate, SyncCounters counters)
    {
        _context = context;
        _world = context.World;
        _options = options;
        _snapshots = snapshots;
        _gate = gate;
        _counters = counters;

        // Per frame of waiting: 3 for an entity on top of the player down to 1 at the view's edge.
        _priorityByDistance = new float[options.ViewRadius + options.ExitMargin + 1];
        for (var d = 0; d < _priorityByDistance.Length; d++)
        {
            _priorityByDistance[d] = 1f + (2f * Math.Max(0, options.ViewRadius - d) / options.ViewRadius);
        }
    }

    /// <summary>
    /// The world changed: every group owes a refresh, paid one per frame from now. A player's own
    /// entity and private state cannot wait for that: the frame calls <see cref="RefreshSelf"/>
    /// for every client now.
    /// </summary>
    public void WorldChanged() => _groupsOwed = _options.InterestGroups;

    /// <summary>The group whose views this frame refreshes, or -1 when none owes one.</summary>
    public int NextGroup()
    {
        if (_groupsOwed == 0)
        {
            return -1;
        }

        var group = _nextGroup;
        _nextGroup = (_nextGroup + 1) % _options.InterestGroups;
        _groupsOwed--;
        return group;
    }

    /// <summary>
    /// Recomputes a client's view: what it sees, what left, and its own state. Touches only that
    /// client and <paramref name="tally"/>, so clients can be updated on several threads at once.
    /// </summary>
    public void Update(ClientView client, SyncCounters tally)
    {
        client.CandidateCount = 0;
        var hasPlayer = _context.TryResolve(client.PlayerNetworkId, out var player) && _world.IsAlive(player);
        client.CappedCount = 0;
        if (hasPlayer)
        {
            var radius = client.InterestRadius;
            Array.Clear(client.ShowableByDistance);
            var visitor = new InterestVisitor { Interest = this, Client = client, Tally = tally, Center = _world.GetReadOnly<Position>(player).Tile };
            client.CollectingCandidates = true;
            _snapshots.Grid.VisitRange(visitor.Center, radius, ref visitor);
            client.CollectingCandidates = false;
            tally.InterestPasses++;
            RefreshOwnState(client, player);
            if (!SizeNextPass(client, radius))
            {
                // The crowd thinned: what this pass did not reach may still belong on screen, so
                // nothing leaves now and the next frame looks again, all the way out.
                Array.Clear(client.RefusedByDistance);
                client.NeedsInterest = true;
                return;
            }
        }

        // Backwards: a release swaps the last active slot into the hole, which we have seen already.
        var frame = _counters.Frame;
        var slots = client.Slots;
        for (var i = client.ActiveCount - 1; i >= 0; i--)
        {
            var slot = client.Active[i];
            if (slots[slot].Seen != frame && !_gate.KeepsRemoved(slots[slot].NetworkId))
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
    /// The pass after an eviction: the slots it freed go to the nearest entities the view refused,
    /// remembered from that pass, looked at alone (where they stand now). Nothing is evicted, so
    /// a crowd that keeps moving settles at the next refresh instead of recomputing every frame.
    /// </summary>
    public void Settle(ClientView client, SyncCounters tally)
    {
        var count = client.CandidateCount;
        client.CandidateCount = 0;
        if (count > 0 && _context.TryResolve(client.PlayerNetworkId, out var player) && _world.IsAlive(player))
        {
            var center = _world.GetReadOnly<Position>(player).Tile;
            for (var i = 0; i < count; i++)
            {
                var candidate = client.Candidates[i];
                if (_snapshots.Holds(candidate))
                {
                    ref readonly var snapshot = ref _snapshots[candidate.Id];
                    See(client, candidate, snapshot.Tile.DistanceTo(center), tally);
                }
            }
        }

        client.CappedCount = 0;
        client.AdmitWithin = int.MaxValue;
        Array.Clear(client.RefusedByDistance);
    }

    /// <summary>
    /// Looks at the entities revealed since the last frame that are within the client's interest
    /// radius, without recomputing the whole view; when one of them is refused by a full view, the
    /// next frame recomputes it (only a whole pass knows what to evict).
    /// </summary>
    public void SeeRevealed(ClientView client, List<long> revealed, SyncCounters tally)
    {
        if (!_context.TryResolve(client.PlayerNetworkId, out var player) || !_world.IsAlive(player))
        {
            return;
        }

        var center = _world.GetReadOnly<Position>(player).Tile;
        for (var i = 0; i < revealed.Count; i++)
        {
            if (!_snapshots.TryFind(revealed[i], out var id))
            {
                continue;
            }

            ref readonly var snapshot = ref _snapshots[id];
            var distance = snapshot.Tile.DistanceTo(center);
            if (distance <= client.InterestRadius)
            {
                See(client, snapshot.Entity, distance, tally);
            }
        }

        if (client.CappedCount > 0)
        {
            client.CappedCount = 0;
            Array.Clear(client.RefusedByDistance);
            client.NeedsInterest = true;
        }
    }

    /// <summary>The client's player's entity is at <paramref name="distance"/> tiles from an entity in range: track it, diff it.</summary>
    public void See(ClientView client, Entity entity, int distance, SyncCounters tally)
    {
        tally.InterestVisits++;
        ref readonly var snapshot = ref _snapshots[entity.Id];
        var slot = client.Map.Find(entity.Id);
        if (slot >= 0 && client.Slots[slot].Entity != entity)
        {
            if (_gate.KeepsRemoved(client.Slots[slot].NetworkId))
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
            // The snapshot is read only when a spawn is hidden at all: in a crowd most visits are
            // refusals, and each would otherwise touch another entity's cache line for nothing.
            if (distance > _options.ViewRadius || (_gate.HidesAnySpawn && _gate.HidesSpawn(snapshot.NetworkId)))
            {
                // Out of range, or created by a transaction that is not durable yet.
                return;
            }

            if (client.FreeCount == 0 || distance > client.AdmitWithin)
            {
                tally.VisibilityCapped++;
                client.CappedCount++;
                client.RefusedByDistance[distance]++;
                client.ShowableByDistance[distance]++;
                if (client.CollectingCandidates)
                {
                    client.OfferCandidate(entity, distance);
                }

                return;
            }

            slot = client.Acquire(entity, snapshot.NetworkId);
            ref var fresh = ref client.Slots[slot];
            fresh.State = SlotState.Spawning;
            fresh.Pending = SyncFieldTable.SpawnFields(snapshot.Kind);
        }

        ref var view = ref client.Slots[slot];
        if (view.State == SlotState.Leaving)
        {
            // Back in view before its despawn went out: the client still has it.
            view.State = SlotState.Live;
            client.LeavingCount--;
        }

        var frame = _counters.Frame;
        if (distance <= _options.ViewRadius)
        {
            client.ShowableByDistance[distance]++;
        }

        if (view.State == SlotState.Live && snapshot.ChangedFrame > view.Baseline.CheckedFrame)
        {
            view.Pending |= view.Baseline.Diff(snapshot, _options.PositionThreshold, _options.RotationThreshold);
            view.Baseline.CheckedFrame = frame;
        }

        view.Seen = frame;
        view.Distance = distance;
        if (view.Pending != SyncField.None)
        {
            // Near entities gain priority faster; everything waiting gains some, so nothing starves.
            view.Priority += _priorityByDistance[Math.Min(distance, _priorityByDistance.Length - 1)];
            client.MarkPending(slot);
            client.HasBacklog = true;
        }
    }

    /// <summary>
    /// Sets how far the next pass looks, from this pass's count of showable entities by distance:
    /// when more than the view holds stand within some distance, nothing farther can be shown, and
    /// the next pass stops a little past it. In a crowd this is what keeps a pass proportional to
    /// the view's size rather than to the crowd's. False when a pass that looked less than all the
    /// way out did not find the view's fill within what it looked at.
    /// </summary>
    private bool SizeNextPass(ClientView client, int radius)
    {
        var full = _options.ViewRadius + _options.ExitMargin;
        var showable = client.ShowableByDistance;
        var count = 0;
        var filledAt = -1;
        for (var d = 0; d < showable.Length; d++)
        {
            count += showable[d];
            if (count >= _options.MaxVisiblePerClient && filledAt < 0)
            {
                filledAt = d;
            }
        }

        client.InterestRadius = filledAt >= 0 ? Math.Min(full, filledAt + CrowdMargin) : full;

        // Everything within the radius looked at was counted; the nearest fill is only known when
        // it was reached within it.
        return radius >= full || (filledAt >= 0 && filledAt <= radius);
    }

    /// <summary>
    /// A full view keeps the nearest entities. Entities left out this pass are paired, nearest
    /// first, with the farthest tracked ones; each tracked entity strictly farther than its pair is
    /// despawned, and in the next frame (<see cref="Settle"/>) only the remembered nearest refused
    /// entities, no farther than the paired ones, may take the freed slots, so the evicted cannot
    /// simply come back. Equal distances never trade places.
    /// </summary>
    private void MakeRoomForNearer(ClientView client)
    {
        var refused = client.RefusedByDistance;
        var slots = client.Slots;

        // Tracked entities counted by distance, then paired by count: two scans of the view in
        // all, rather than one scan per eviction.
        var farthest = _options.ViewRadius + _options.ExitMargin;
        Span<int> tracked = stackalloc int[farthest + 1];
        for (var i = 0; i < client.ActiveCount; i++)
        {
            ref readonly var view = ref slots[client.Active[i]];
            if (view.State != SlotState.Leaving)
            {
                tracked[Math.Min(view.Distance, farthest)]++;
            }
        }

        Span<int> evictAt = stackalloc int[farthest + 1];
        var evicted = 0;
        var admitWithin = 0;
        var distance = 0;
        var far = farthest;
        while (evicted < MaxEvictionsPerPass)
        {
            while (distance < refused.Length && refused[distance] == 0)
            {
                distance++;
            }

            while (far > distance && tracked[far] == 0)
            {
                far--;
            }

            if (distance == refused.Length || far <= distance)
            {
                break;
            }

            tracked[far]--;
            evictAt[far]++;
            refused[distance]--;
            admitWithin = distance;
            evicted++;
        }

        // Backwards: leaving a slot that never reached the client releases it, which moves the
        // last active slot into its place.
        for (var i = client.ActiveCount - 1; i >= 0 && evicted > 0; i--)
        {
            var slot = client.Active[i];
            var at = Math.Min(slots[slot].Distance, farthest);
            if (slots[slot].State != SlotState.Leaving && evictAt[at] > 0)
            {
                evictAt[at]--;
                Leave(client, slot);
            }
        }

        Array.Clear(refused);
        if (evicted > 0)
        {
            client.AdmitWithin = admitWithin;
        }

        // The next frame fills what was freed (once the despawns went out) or what was free
        // already, from the remembered candidates.
        client.NeedsInterest = evicted > 0 || client.FreeCount > 0;
        client.Settling = client.NeedsInterest;
    }

    /// <summary>Refreshes a client's own entity and private state (every client, after every world change).</summary>
    public void RefreshSelf(ClientView client, SyncCounters tally)
    {
        if (_context.TryResolve(client.PlayerNetworkId, out var player) && _world.IsAlive(player) && _snapshots.Holds(player))
        {
            See(client, player, 0, tally);
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

    /// <summary>A player's combat option, auto-retaliate and run, packed: option | retaliate &lt;&lt; 8 | run &lt;&lt; 9.</summary>
    public static int SettingsOf(World world, Entity player)
    {
        var combat = world.GetReadOnly<CombatState>(player);
        var running = world.GetReadOnly<Movement>(player).Running;
        return combat.Option | (combat.AutoRetaliate ? 1 << 8 : 0) | (running ? 1 << 9 : 0);
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
        if (!known || !((ReadOnlySpan<ItemStack>)inventory.Slots).SequenceEqual(client.SentInventory.Slots))
        {
            client.InventoryPending = true;
        }

        if (!known || !((ReadOnlySpan<ItemStack>)equipment.Slots).SequenceEqual(client.SentEquipment.Slots))
        {
            client.EquipmentPending = true;
        }

        if (!known || !((ReadOnlySpan<SkillProgress>)skills.Values).SequenceEqual(client.SentSkills.Values))
        {
            client.SkillsPending = true;
        }

        if (_world.TryGet<PrayerState>(player, out var prayer) && (!known || (prayer.Points, prayer.Active) != client.SentPrayer))
        {
            client.PrayerPending = true;
        }

        if (!known || SettingsOf(_world, player) != client.SentSettings)
        {
            client.SettingsPending = true;
        }

        if (_context.Banks.TryGet(client.PlayerNetworkId, out var bank))
        {
            var open = bank.OpenAt is not null;
            client.BankPending |= open != client.SentBankOpen || (open && !bank.PageVersions.SequenceEqual(client.SentBankPages));
        }

        var shown = _context.Shops.TryGetOpen(client.PlayerNetworkId, out var shop) ? (shop.Definition.Id, shop.Version) : (0, 0);
        client.ShopPending |= shown != client.SentShop;

        client.OwnStateKnown = true;
        client.HasBacklog |= client.InventoryPending || client.EquipmentPending || client.SkillsPending || client.PrayerPending || client.SettingsPending || client.BankPending || client.ShopPending;
    }
}
