using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Trading;

/// <summary>
/// Two-player trades: a request (a mutual request opens the trade), offers on the first screen,
/// two rounds of acceptance, then an atomic swap. Any change to an offer clears both accepts.
/// Sessions are pooled, so steady-state trading allocates nothing.
/// </summary>
internal sealed class TradeBook
{
    /// <summary>Ticks a trade request stays valid.</summary>
    public const int RequestTimeoutTicks = 100;

    private readonly GameContext _context;
    private readonly Dictionary<long, TradeSession> _open = [];
    private readonly Dictionary<long, (long Target, long ExpiresAt)> _requests = [];
    private readonly Stack<TradeSession> _pool = new();
    private readonly List<long> _scratch = [];

    internal TradeBook(GameContext context) => _context = context;

    /// <summary>True when the player has an open trade.</summary>
    public bool IsTrading(long playerId) => _open.ContainsKey(playerId);

    /// <summary>Open trades.</summary>
    public int OpenCount => _open.Count / 2;

    /// <summary>The stage of the player's trade, or null.</summary>
    public TradeStage? StageOf(long playerId) => _open.TryGetValue(playerId, out var session) ? session.Stage : null;

    /// <summary>What a trader currently offers, by inventory slot.</summary>
    public InventorySlots OfferOf(long playerId) =>
        _open.TryGetValue(playerId, out var session) ? session.OfferOf(playerId) : default;

    /// <summary>Asks <paramref name="targetId"/> to trade; a request they already made opens the trade.</summary>
    public RejectionReason Request(Entity player, long playerId, long targetId)
    {
        var world = _context.World;
        if (targetId == playerId)
        {
            return RejectionReason.InvalidTarget;
        }

        if (!_context.TryResolve(targetId, out var target) || !world.Has<Player>(target))
        {
            return RejectionReason.TargetNotFound;
        }

        if (world.Has<Dying>(target))
        {
            return RejectionReason.InvalidTarget;
        }

        if (IsTrading(playerId) || IsTrading(targetId))
        {
            return RejectionReason.Busy;
        }

        if (!InRange(player, target))
        {
            return RejectionReason.TargetTooFar;
        }

        if (_requests.TryGetValue(targetId, out var theirs) && theirs.Target == playerId && theirs.ExpiresAt >= _context.Tick)
        {
            _requests.Remove(targetId);
            _requests.Remove(playerId);
            var session = _pool.Count > 0 ? _pool.Pop() : new TradeSession();
            session.Reset(targetId, target, playerId, player);
            _open[targetId] = session;
            _open[playerId] = session;
            _context.Emit(new GameEvent(GameEventKind.TradeOpened, targetId, playerId));
            _context.Emit(new GameEvent(GameEventKind.TradeOpened, playerId, targetId));
            return RejectionReason.None;
        }

        _requests[playerId] = (targetId, _context.Tick + RequestTimeoutTicks);
        _context.Emit(new GameEvent(GameEventKind.TradeRequested, playerId, targetId));
        return RejectionReason.None;
    }

    /// <summary>Offers <paramref name="quantity"/> from an inventory slot; 0 withdraws the slot's offer.</summary>
    public RejectionReason Offer(Entity player, long playerId, int slot, int quantity)
    {
        if (!_open.TryGetValue(playerId, out var session))
        {
            return RejectionReason.NoTrade;
        }

        if (session.Stage != TradeStage.Offer)
        {
            return RejectionReason.TradeLocked;
        }

        if (!InventoryRules.IsValidSlot(slot))
        {
            return RejectionReason.InvalidSlot;
        }

        var stack = _context.World.GetReadOnly<Inventory>(player).Slots[slot];
        ref var offer = ref session.OfferOf(playerId);
        if (quantity == 0)
        {
            offer[slot] = default;
        }
        else
        {
            if (stack.IsEmpty)
            {
                return RejectionReason.EmptySlot;
            }

            if (quantity < 0 || quantity > stack.Quantity)
            {
                return RejectionReason.InvalidQuantity;
            }

            offer[slot] = new ItemStack(stack.ItemId, quantity);
        }

        session.FirstAccepted = false;
        session.SecondAccepted = false;
        EmitUpdated(session);
        return RejectionReason.None;
    }

    /// <summary>Accepts the current screen; the second acceptance of both sides swaps the items.</summary>
    public RejectionReason Accept(long playerId)
    {
        if (!_open.TryGetValue(playerId, out var session))
        {
            return RejectionReason.NoTrade;
        }

        if (playerId == session.FirstId)
        {
            session.FirstAccepted = true;
        }
        else
        {
            session.SecondAccepted = true;
        }

        if (!(session.FirstAccepted && session.SecondAccepted))
        {
            EmitUpdated(session);
            return RejectionReason.None;
        }

        // Check the swap at both screens, so a full inventory is reported before the final click.
        var check = Swap(session, commit: session.Stage == TradeStage.Confirm);
        if (check != RejectionReason.None)
        {
            session.FirstAccepted = false;
            session.SecondAccepted = false;
            EmitUpdated(session);
            return check;
        }

        if (session.Stage == TradeStage.Offer)
        {
            session.Stage = TradeStage.Confirm;
            session.FirstAccepted = false;
            session.SecondAccepted = false;
            EmitUpdated(session);
            return RejectionReason.None;
        }

        Close(session);
        return RejectionReason.None;
    }

    /// <summary>Declines (cancels) the player's trade.</summary>
    public RejectionReason Decline(long playerId)
    {
        if (!_open.TryGetValue(playerId, out var session))
        {
            return RejectionReason.NoTrade;
        }

        Cancel(session, RejectionReason.None);
        return RejectionReason.None;
    }

    /// <summary>Cancels whatever trade or request involves the player (death, logout).</summary>
    public void Abandon(long playerId, RejectionReason reason)
    {
        _requests.Remove(playerId);
        if (_open.TryGetValue(playerId, out var session))
        {
            Cancel(session, reason);
        }
    }

    /// <summary>Expires old requests and cancels trades whose players drifted apart or died.</summary>
    public void Maintain()
    {
        _scratch.Clear();
        foreach (var (requester, request) in _requests)
        {
            if (request.ExpiresAt < _context.Tick)
            {
                _scratch.Add(requester);
            }
        }

        foreach (var requester in _scratch)
        {
            _requests.Remove(requester);
        }

        _scratch.Clear();
        foreach (var (playerId, session) in _open)
        {
            if (playerId == session.FirstId && !StillValid(session))
            {
                _scratch.Add(playerId);
            }
        }

        foreach (var playerId in _scratch)
        {
            if (_open.TryGetValue(playerId, out var session))
            {
                Cancel(session, RejectionReason.TargetTooFar);
            }
        }
    }

    private bool StillValid(TradeSession session)
    {
        var world = _context.World;
        return world.IsAlive(session.First) && world.IsAlive(session.Second)
            && !world.Has<Dying>(session.First) && !world.Has<Dying>(session.Second)
            && InRange(session.First, session.Second);
    }

    /// <summary>Computes both inventories after the swap; writes them only when <paramref name="commit"/>.</summary>
    private RejectionReason Swap(TradeSession session, bool commit)
    {
        var world = _context.World;
        var first = world.GetReadOnly<Inventory>(session.First);
        var second = world.GetReadOnly<Inventory>(session.Second);
        var take = TakeOffer(ref first, session.FirstOffer);
        take = take != RejectionReason.None ? take : TakeOffer(ref second, session.SecondOffer);
        take = take != RejectionReason.None ? take : GiveOffer(ref first, session.SecondOffer);
        take = take != RejectionReason.None ? take : GiveOffer(ref second, session.FirstOffer);
        if (take != RejectionReason.None || !commit)
        {
            return take;
        }

        world.Set(session.First, first);
        world.Set(session.Second, second);
        var transaction = _context.NewTransactionId();
        _context.Emit(new GameEvent(GameEventKind.InventoryChanged, session.FirstId, Transaction: transaction));
        _context.Emit(new GameEvent(GameEventKind.InventoryChanged, session.SecondId, Transaction: transaction));
        _context.Emit(new GameEvent(GameEventKind.TradeCompleted, session.FirstId, session.SecondId, Transaction: transaction));
        _context.Emit(new GameEvent(GameEventKind.TradeCompleted, session.SecondId, session.FirstId, Transaction: transaction));
        _context.RecordItems(transaction, ItemTransactionKind.Trade, [session.First, session.Second], [], []);
        return RejectionReason.None;
    }

    private static RejectionReason TakeOffer(ref Inventory inventory, in InventorySlots offer)
    {
        for (var slot = 0; slot < Inventory.SlotCount; slot++)
        {
            var wanted = offer[slot];
            if (wanted.IsEmpty)
            {
                continue;
            }

            // Offers were validated when made; the inventory cannot change during a trade, but a
            // stale offer must fail the trade rather than move the wrong item.
            if (inventory.Slots[slot].ItemId != wanted.ItemId
                || InventoryRules.TryTake(ref inventory, slot, wanted.Quantity, out _) != RejectionReason.None)
            {
                return RejectionReason.InvalidQuantity;
            }
        }

        return RejectionReason.None;
    }

    private RejectionReason GiveOffer(ref Inventory inventory, in InventorySlots offer)
    {
        for (var slot = 0; slot < Inventory.SlotCount; slot++)
        {
            var given = offer[slot];
            if (given.IsEmpty)
            {
                continue;
            }

            var result = _context.Items.TryGet(given.ItemId, out var item)
                ? InventoryRules.TryAdd(ref inventory, item, given.Quantity)
                : RejectionReason.UnknownItem;
            if (result != RejectionReason.None)
            {
                return result;
            }
        }

        return RejectionReason.None;
    }

    private bool InRange(Entity a, Entity b)
    {
        var world = _context.World;
        return world.GetReadOnly<Position>(a).Tile.DistanceTo(world.GetReadOnly<Position>(b).Tile) <= _context.Options.TradeRange;
    }

    private void EmitUpdated(TradeSession session)
    {
        _context.Emit(new GameEvent(GameEventKind.TradeUpdated, session.FirstId, session.SecondId, A: (int)session.Stage));
        _context.Emit(new GameEvent(GameEventKind.TradeUpdated, session.SecondId, session.FirstId, A: (int)session.Stage));
    }

    private void Cancel(TradeSession session, RejectionReason reason)
    {
        _context.Emit(new GameEvent(GameEventKind.TradeCancelled, session.FirstId, session.SecondId, Reason: reason));
        _context.Emit(new GameEvent(GameEventKind.TradeCancelled, session.SecondId, session.FirstId, Reason: reason));
        Close(session);
    }

    private void Close(TradeSession session)
    {
        _open.Remove(session.FirstId);
        _open.Remove(session.SecondId);
        _pool.Push(session);
    }
}
