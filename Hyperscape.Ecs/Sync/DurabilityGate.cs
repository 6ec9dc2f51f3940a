using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// What item transactions did, held back from every client until storage confirms them: their
/// events, the ground items and gravestones they created (hidden), the ones they took (still shown), and
/// the players whose items they changed (own inventory and worn look kept as confirmed). When a
/// transaction is confirmed, everything it held is released and the clients near it look again.
/// </summary>
internal sealed class DurabilityGate(SnapshotTable snapshots, ClientDirectory clients, SyncCounters counters, bool enabled)
{
    private readonly Dictionary<long, ItemTransactionKind> _unconfirmed = [];
    private readonly Dictionary<long, (long Transaction, Tile Tile)> _hiddenSpawns = [];
    private readonly Dictionary<long, (long Transaction, Tile Tile)> _keptRemovals = [];
    private readonly Dictionary<long, long> _heldItems = [];
    private readonly List<long> _released = [];

    /// <summary>Transactions handed over and not yet confirmed.</summary>
    public int Unconfirmed => _unconfirmed.Count;

    /// <summary>Holds back a transaction of this tick (when holding is on).</summary>
    public void Hold(ItemTransaction transaction)
    {
        if (!enabled)
        {
            return;
        }

        _unconfirmed[transaction.Id] = transaction.Kind;
        for (var i = 0; i < transaction.GroundItemsAdded.Count; i++)
        {
            var added = transaction.GroundItemsAdded[i];
            _hiddenSpawns[added.Id] = (transaction.Id, added.Position.Tile);
        }

        // A death's gravestone is new and hidden like a drop; later writes of it (looting) only change it.
        if (transaction.Kind == ItemTransactionKind.Death)
        {
            for (var i = 0; i < transaction.Gravestones.Count; i++)
            {
                var grave = transaction.Gravestones[i];
                _hiddenSpawns[grave.Id] = (transaction.Id, grave.Position.Tile);
            }
        }

        for (var i = 0; i < transaction.GroundItemsRemoved.Count; i++)
        {
            KeepRemoved(transaction.GroundItemsRemoved[i], transaction.Id);
        }

        for (var i = 0; i < transaction.GravestonesRemoved.Count; i++)
        {
            KeepRemoved(transaction.GravestonesRemoved[i], transaction.Id);
        }
    }

    private void KeepRemoved(long removed, long transaction)
    {
        // Only what the sync knows can be on a client's screen; its last snapshot says where.
        if (_hiddenSpawns.Remove(removed))
        {
            return;
        }

        if (snapshots.TryFind(removed, out var id))
        {
            ref readonly var last = ref snapshots[id];
            _keptRemovals[removed] = (transaction, last.Tile);
        }
    }

    /// <summary>Notes that a player's items changed under <paramref name="transaction"/> (its inventory or equipment event).</summary>
    public void ItemsChanged(long playerNetworkId, long transaction)
    {
        if (transaction != 0 && _unconfirmed.ContainsKey(transaction))
        {
            _heldItems[playerNetworkId] = transaction;
        }
    }

    /// <summary>True while a transaction that changed this player's items is unconfirmed.</summary>
    public bool HoldsItemsOf(long playerNetworkId) => _heldItems.Count > 0 && _heldItems.ContainsKey(playerNetworkId);

    /// <summary>True while any ground item's creation is unconfirmed.</summary>
    public bool HidesAnySpawn => _hiddenSpawns.Count > 0;

    /// <summary>True while the ground item's creation is unconfirmed: nobody sees it yet.</summary>
    public bool HidesSpawn(long networkId) => _hiddenSpawns.Count > 0 && _hiddenSpawns.ContainsKey(networkId);

    /// <summary>True while the ground item's removal is unconfirmed: whoever sees it keeps seeing it.</summary>
    public bool KeepsRemoved(long networkId) => _keptRemovals.Count > 0 && _keptRemovals.ContainsKey(networkId);

    /// <summary>An event waits while its transaction does; an NPC's death does not wait for its loot (the NPC is gone at once).</summary>
    public bool Holds(in GameEvent gameEvent) =>
        _unconfirmed.Count > 0 && gameEvent.Transaction != 0 && _unconfirmed.TryGetValue(gameEvent.Transaction, out var kind)
        && !(gameEvent.Kind == GameEventKind.Died && kind == ItemTransactionKind.NpcLoot);

    /// <summary>
    /// Storage committed a transaction: its events go with the next frame, its ground items appear
    /// or vanish, and its players' items and worn look follow once nothing newer of theirs is held.
    /// Unknown ids are ignored.
    /// </summary>
    public void Confirm(long transactionId)
    {
        if (!_unconfirmed.Remove(transactionId))
        {
            return;
        }

        Release(_hiddenSpawns, transactionId, spawns: true);
        Release(_keptRemovals, transactionId, spawns: false);
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
            if (clients.TryGetByPlayer(player, out var owner))
            {
                owner.HasBacklog = true;
                owner.NeedsInterest = true;
            }

            // Stamped for the coming frame, so every client's next look at the player sees it.
            if (snapshots.ShowWornItems(player, counters.Frame + 1) is not null)
            {
                clients.Revealed.Add(player);
            }
        }
    }

    private void Release(Dictionary<long, (long Transaction, Tile Tile)> held, long transactionId, bool spawns)
    {
        if (held.Count == 0)
        {
            return;
        }

        _released.Clear();
        foreach (var (networkId, (transaction, tile)) in held)
        {
            if (transaction == transactionId)
            {
                _released.Add(networkId);
                if (spawns)
                {
                    clients.Revealed.Add(networkId);
                }
                else
                {
                    // The item is gone from the world: only a whole view's pass notices it left.
                    clients.MarkInterestNear(tile);
                }
            }
        }

        foreach (var networkId in _released)
        {
            held.Remove(networkId);
        }
    }
}
