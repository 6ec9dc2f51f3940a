using System.Buffers;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Everything the sync system remembers about one client: which entities it sees, what it was
/// last sent of each, what is waiting, and its own private state as last sent. Bounded by
/// <see cref="SyncOptions.MaxVisiblePerClient"/> and dropped whole on disconnect.
/// </summary>
internal sealed class ClientView
{
    private readonly ViewerIndex _viewers;

    // The queue's own array; a burst borrows a larger one from the pool and gives it back once
    // drained, so a client's busiest tick does not leave it a larger array for good.
    private readonly GameEvent[] _ownEvents;
    private int _farthestCandidate;

    /// <summary>Sent bank page versions as nothing sent yet.</summary>
    public static int[] NewBankPages()
    {
        var pages = new int[Game.Banking.Bank.PageCount];
        Array.Fill(pages, -1);
        return pages;
    }

    public ClientView(long clientId, long playerNetworkId, SyncOptions options, ViewerIndex viewers)
    {
        _viewers = viewers;
        ClientId = clientId;
        PlayerNetworkId = playerNetworkId;
        var capacity = options.MaxVisiblePerClient;
        Slots = new ViewSlot[capacity];
        FreeSlots = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            FreeSlots[i] = capacity - 1 - i;
        }

        FreeCount = capacity;
        Active = new int[capacity];
        PendingList = new int[capacity];
        Map = new EntitySlotMap(capacity);
        _ownEvents = new GameEvent[Math.Min(64, options.MaxPendingEvents)];
        Events = _ownEvents;
        RefusedByDistance = new int[options.ViewRadius + 1];
        ShowableByDistance = new int[options.ViewRadius + 1];
        InterestRadius = options.ViewRadius + options.ExitMargin;
    }

    public long ClientId { get; }

    public long PlayerNetworkId { get; }

    /// <summary>The client's bit in the <see cref="ViewerIndex"/>.</summary>
    public int Index { get; set; }

    public ViewSlot[] Slots { get; }

    public int[] FreeSlots { get; }

    public int FreeCount { get; set; }

    public EntitySlotMap Map { get; }

    /// <summary>The slots in use, <c>Active[0 .. ActiveCount-1]</c>, so scans skip free slots.</summary>
    public int[] Active { get; }

    public int ActiveCount { get; private set; }

    /// <summary>Slots with fields waiting to be sent, <c>PendingList[0 .. PendingCount-1]</c>.</summary>
    public int[] PendingList { get; }

    public int PendingCount { get; private set; }

    /// <summary>Slots waiting for their despawn to be sent.</summary>
    public int LeavingCount { get; set; }

    /// <summary>Slots in use.</summary>
    public int Used => Slots.Length - FreeCount;

    public Inventory SentInventory;

    public Equipment SentEquipment;

    public Skills SentSkills;

    /// <summary>The prayer points and prayers last sent (the drain counter is not the client's).</summary>
    public (int Points, int Active) SentPrayer;

    /// <summary>The page versions of the bank as last sent; all -1 while the client has not been shown it open.</summary>
    public readonly int[] SentBankPages = NewBankPages();

    /// <summary>True when the client was last told its bank is open.</summary>
    public bool SentBankOpen;

    /// <summary>Bank pages or its closing wait to be sent.</summary>
    public bool BankPending;

    /// <summary>The shop last shown open (0: none), and its stock version then.</summary>
    public (int ShopId, int Version) SentShop;

    /// <summary>The open shop's stock, or its closing, waits to be sent.</summary>
    public bool ShopPending;

    public bool InventoryPending { get; set; }

    public bool EquipmentPending { get; set; }

    public bool SkillsPending { get; set; }

    /// <summary>Prayer points or prayers changed since last sent.</summary>
    public bool PrayerPending { get; set; }

    /// <summary>The settings last sent: combat option, auto-retaliate and run, packed.</summary>
    public int SentSettings;

    /// <summary>The settings changed since last sent.</summary>
    public bool SettingsPending { get; set; }

    public bool OwnStateKnown { get; set; }

    public GameEvent[] Events { get; private set; }

    /// <summary>Makes room for at least one more event: moves the queue into a larger, pooled array.</summary>
    public void GrowEvents()
    {
        var larger = ArrayPool<GameEvent>.Shared.Rent(Events.Length * 2);
        Events.AsSpan(0, EventCount).CopyTo(larger);
        ReleaseBorrowedEvents();
        Events = larger;
    }

    /// <summary>Once the queue is empty, gives a borrowed array back and returns to the queue's own.</summary>
    public void ShrinkEventsWhenEmpty()
    {
        if (EventCount == 0 && Events != _ownEvents)
        {
            ReleaseBorrowedEvents();
            Events = _ownEvents;
        }
    }

    private void ReleaseBorrowedEvents()
    {
        if (Events != _ownEvents)
        {
            ArrayPool<GameEvent>.Shared.Return(Events);
        }
    }

    public int EventCount { get; set; }

    public long EventsDropped { get; set; }

    /// <summary>Which interest group the client belongs to.</summary>
    public int Group { get; init; }

    /// <summary>A new client's view is computed at the next frame, whatever its group.</summary>
    public bool NeedsInterest { get; set; } = true;

    /// <summary>
    /// The next interest pass only fills slots an eviction freed, from <see cref="Candidates"/>:
    /// it looks at those alone and evicts nothing, so a crowd larger than the view costs a few
    /// lookups per refresh, not a pass every frame.
    /// </summary>
    public bool Settling { get; set; }

    /// <summary>The nearest entities a full view refused in its last pass, <c>Candidates[0 .. CandidateCount-1]</c>.</summary>
    public Entity[] Candidates { get; } = new Entity[CandidateCapacity];

    /// <summary>Their distances when refused.</summary>
    public int[] CandidateDistances { get; } = new int[CandidateCapacity];

    public int CandidateCount { get; set; }

    /// <summary>How many refused entities a pass remembers: as many as it may evict.</summary>
    public const int CandidateCapacity = 16;

    /// <summary>True while refused entities are remembered as candidates (during a whole pass).</summary>
    public bool CollectingCandidates { get; set; }

    /// <summary>Remembers a refused entity when it is among the nearest refused so far.</summary>
    public void OfferCandidate(Entity entity, int distance)
    {
        if (CandidateCount < CandidateCapacity)
        {
            Candidates[CandidateCount] = entity;
            CandidateDistances[CandidateCount] = distance;
            if (CandidateCount == 0 || distance > CandidateDistances[_farthestCandidate])
            {
                _farthestCandidate = CandidateCount;
            }

            CandidateCount++;
            return;
        }

        // Most refusals in a crowd are farther than every remembered one: one comparison.
        if (distance >= CandidateDistances[_farthestCandidate])
        {
            return;
        }

        Candidates[_farthestCandidate] = entity;
        CandidateDistances[_farthestCandidate] = distance;
        for (var i = 0; i < CandidateCapacity; i++)
        {
            if (CandidateDistances[i] > CandidateDistances[_farthestCandidate])
            {
                _farthestCandidate = i;
            }
        }
    }

    /// <summary>True while queued events wait behind one whose transaction is not durable yet.</summary>
    public bool EventsWaited { get; set; }

    /// <summary>True while anything is waiting to be sent.</summary>
    public bool HasBacklog { get; set; }

    /// <summary>Entities in range refused a slot during the current interest pass.</summary>
    public int CappedCount { get; set; }

    /// <summary>Those entities counted by their distance in tiles; cleared after each pass.</summary>
    public int[] RefusedByDistance { get; }

    /// <summary>Entities the current interest pass could show (tracked or refused), by distance in tiles.</summary>
    public int[] ShowableByDistance { get; }

    /// <summary>
    /// How far the next interest pass looks: the view's radius plus its exit margin, or less in a
    /// crowd, where the nearest entities fill the view well inside it.
    /// </summary>
    public int InterestRadius { get; set; }

    /// <summary>New entities farther than this are not admitted in the next interest pass.</summary>
    public int AdmitWithin { get; set; } = int.MaxValue;

    /// <summary>Lists a slot whose Pending just became non-empty (listing twice is a no-op).</summary>
    public void MarkPending(int slot)
    {
        ref var view = ref Slots[slot];
        if (view.PendingPosition == 0)
        {
            PendingList[PendingCount++] = slot;
            view.PendingPosition = PendingCount;
        }
    }

    /// <summary>Takes a slot off the pending list.</summary>
    public void Unlist(int slot)
    {
        ref var view = ref Slots[slot];
        if (view.PendingPosition == 0)
        {
            return;
        }

        var at = view.PendingPosition - 1;
        var last = PendingList[--PendingCount];
        PendingList[at] = last;
        Slots[last].PendingPosition = at + 1;
        view.PendingPosition = 0;
    }

    public int Acquire(Entity entity, long networkId)
    {
        var slot = FreeSlots[--FreeCount];
        Slots[slot] = new ViewSlot { Entity = entity, NetworkId = networkId, ActiveIndex = ActiveCount };
        Active[ActiveCount++] = slot;
        Map.Add(entity.Id, slot);
        _viewers.Set(Index, entity.Id);
        return slot;
    }

    public void Release(int slot)
    {
        ref var view = ref Slots[slot];

        // A recycled index may already map to a newer slot; only remove our own mapping.
        if (Map.Find(view.Entity.Id) == slot)
        {
            Map.Remove(view.Entity.Id);
        }

        if (Map.Find(view.Entity.Id) < 0)
        {
            _viewers.Clear(Index, view.Entity.Id);
        }

        if (view.State == SlotState.Leaving)
        {
            LeavingCount--;
        }

        Unlist(slot);

        var last = Active[--ActiveCount];
        Active[view.ActiveIndex] = last;
        Slots[last].ActiveIndex = view.ActiveIndex;
        view = default;
        FreeSlots[FreeCount++] = slot;
    }
}
