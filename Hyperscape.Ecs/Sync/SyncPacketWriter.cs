using System.Buffers.Binary;
using System.Text;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Banking;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Store;
using MessagePack;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Packet writing: each client's sync packet (despawns first, then its own private state, then
/// entity entries by priority, as many as the byte budget holds) and its event packets. Entries
/// are written from <see cref="SyncFieldTable"/>; both packet kinds start with the header written
/// in <see cref="BeginPacket"/>. Buffers are reused: a frame allocates nothing.
/// </summary>
internal sealed class SyncPacketWriter
{
    private const int ArrayHeader32Size = 5;
    private const byte Array32 = 0xdd;

    private readonly GameContext _context;
    private readonly World _world;
    private readonly SyncOptions _options;
    private readonly SnapshotTable _snapshots;
    private readonly DurabilityGate _gate;
    private readonly SyncCounters _counters;
    private readonly FixedBufferWriter _packet;
    private readonly FixedBufferWriter _scratch;
    private readonly byte[] _nameUtf8 = new byte[DisplayName.MaxLength * 3];
    // A position update, the commonest entry, takes about this much: how many a packet likely holds.
    private const int TypicalEntryBytes = 12;

    private readonly long[] _order;

    public SyncPacketWriter(GameContext context, SyncOptions options, SnapshotTable snapshots, DurabilityGate gate, SyncCounters counters)
    {
        _context = context;
        _world = context.World;
        _options = options;
        _snapshots = snapshots;
        _gate = gate;
        _counters = counters;
        _packet = new FixedBufferWriter(options.MaxPacketSize * 4);
        _scratch = new FixedBufferWriter(options.MaxPacketSize * 4);
        _order = new long[options.MaxVisiblePerClient];
    }

    /// <summary>Writes and sends a client's sync packet, if it has anything to receive.</summary>
    public void WriteSync(ClientView client, IPacketSink sink)
    {
        var budget = _options.MaxPacketSize;
        var countAt = BeginPacket(MessageType.Sync);
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
            estimated += SyncFieldTable.MaxEntrySize(view.State == SlotState.Spawning ? SyncFieldTable.SpawnEstimate : view.Pending);
        }

        // Order by priority (highest last, read backwards) only when not everything fits, and then
        // only as many as a packet of typical entries takes; the rest are ordered if it gets to them.
        var ordered = _order.AsSpan(0, waiting);
        var unordered = 0;
        if (_packet.WrittenCount + estimated > budget)
        {
            var likely = Math.Min(waiting, ((budget - _packet.WrittenCount) / TypicalEntryBytes) + 1);
            PrioritySelection.MoveLargestToEnd(ordered, likely);
            ordered[(waiting - likely)..].Sort();
            unordered = waiting - likely;
        }

        var frame = _counters.Frame;
        for (var i = waiting - 1; i >= 0; i--)
        {
            if (i < unordered)
            {
                // More fitted than a typical packet holds: the rest, all lower, in order too.
                ordered[..unordered].Sort();
                unordered = 0;
            }

            var room = budget - _packet.WrittenCount;
            if (room < SyncFieldTable.MinEntryBytes)
            {
                _counters.EntriesDeferred += i + 1;
                backlog = true;
                break;
            }

            var slot = (int)(ordered[i] & 0xFFFF);
            ref var view = ref slots[slot];
            ref readonly var snapshot = ref _snapshots[view.Entity.Id];
            var spawning = view.State == SlotState.Spawning;
            if (spawning && (snapshot.Entity != view.Entity || !_world.IsAlive(view.Entity)))
            {
                // Gone before its spawn went out (a ghost replaced within the tick, a player who
                // left): nothing to show, and the client's next view pass releases the slot.
                continue;
            }

            var fields = spawning ? SyncFieldTable.SpawnFields(snapshot.Kind) : view.Pending;

            // The bound is conservative, so an entry under it is written straight into the packet.
            if (SyncFieldTable.MaxEntrySize(fields) > room)
            {
                _counters.EntriesDeferred++;
                backlog = true;
                continue;
            }

            WriteEntity(spawning ? SyncOp.Spawn : SyncOp.Update, snapshot, fields);
            view.Baseline.Accept(snapshot, fields);
            view.Baseline.CheckedFrame = frame;
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
            _counters.EntriesSent += entries;
        }
    }

    /// <summary>
    /// Sends a client's queued events in order, up to the first one whose transaction is not
    /// durable yet; the rest wait behind it, so a client never sees a respawn before its death.
    /// </summary>
    public void WriteEvents(ClientView client, IPacketSink sink)
    {
        var ready = 0;
        while (ready < client.EventCount && !_gate.Holds(client.Events[ready]))
        {
            ready++;
        }

        var sent = 0;
        while (sent < ready)
        {
            var countAt = BeginPacket(MessageType.Event);
            var inPacket = 0;
            while (sent < ready)
            {
                ref readonly var gameEvent = ref client.Events[sent];
                if (client.EventsWaited && !EventRouter.StillVisible(client, gameEvent))
                {
                    // Held until its subject left this client's view: it would name an unknown entity.
                    sent++;
                    continue;
                }

                _scratch.Reset();
                var entry = new MessagePackWriter(_scratch);
                ServerMessages.WriteEvent(ref entry, gameEvent);
                entry.Flush();
                if (!TryAppend(_options.MaxPacketSize))
                {
                    if (inPacket == 0)
                    {
                        // Cannot happen with the protocol's event size, but never loop on it.
                        _counters.EventsDropped++;
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
        client.ShrinkEventsWhenEmpty();
    }

    private int WriteOwnState(ClientView client, int budget, ref bool backlog)
    {
        if (!_context.TryResolve(client.PlayerNetworkId, out var player) || !_world.Has<Inventory>(player))
        {
            client.InventoryPending = client.EquipmentPending = client.SkillsPending = client.PrayerPending = client.SettingsPending = client.BankPending = client.ShopPending = false;
            return 0;
        }

        var written = 0;

        // Item state waits while a transaction of this player is unconfirmed: the client must not
        // see an item change that storage has not committed.
        var itemsHeld = _gate.HoldsItemsOf(client.PlayerNetworkId);
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

        if (client.PrayerPending && _world.TryGet<PrayerState>(player, out var prayer))
        {
            _scratch.Reset();
            var writer = new MessagePackWriter(_scratch);
            writer.WriteArrayHeader(3);
            writer.Write((int)SyncOp.OwnPrayer);
            writer.Write(prayer.Points);
            writer.Write(prayer.Active);
            writer.Flush();
            if (TryAppend(budget))
            {
                client.SentPrayer = (prayer.Points, prayer.Active);
                client.PrayerPending = false;
                written++;
            }
        }

        if (client.SettingsPending)
        {
            var settings = InterestManager.SettingsOf(_world, player);
            _scratch.Reset();
            var writer = new MessagePackWriter(_scratch);
            writer.WriteArrayHeader(4);
            writer.Write((int)SyncOp.OwnSettings);
            writer.Write(settings & 0xFF);
            writer.Write((settings >> 8) & 1);
            writer.Write((settings >> 9) & 1);
            writer.Flush();
            if (TryAppend(budget))
            {
                client.SentSettings = settings;
                client.SettingsPending = false;
                written++;
            }
        }

        if (client.BankPending && !itemsHeld)
        {
            written += WriteBank(client, budget);
        }

        if (client.ShopPending)
        {
            written += WriteShop(client, budget);
        }

        backlog |= client.InventoryPending || client.EquipmentPending || client.SkillsPending || client.PrayerPending || client.SettingsPending || client.BankPending || client.ShopPending;
        return written;
    }

    /// <summary>
    /// The owner's bank, a page per entry and only the pages that changed since last sent, while
    /// it is open; one closing entry when it closes. What does not fit waits for the next frame.
    /// </summary>
    private int WriteBank(ClientView client, int budget)
    {
        if (!_context.Banks.TryGet(client.PlayerNetworkId, out var bank))
        {
            client.BankPending = false;
            return 0;
        }

        if (bank.OpenAt is null)
        {
            _scratch.Reset();
            var writer = new MessagePackWriter(_scratch);
            writer.WriteArrayHeader(4);
            writer.Write((int)SyncOp.OwnBank);
            writer.Write(0);
            writer.Write(0);
            writer.WriteArrayHeader(0);
            writer.Flush();
            if (!TryAppend(budget))
            {
                return 0;
            }

            client.SentBankOpen = false;
            client.SentBankPages.AsSpan().Fill(-1);
            client.BankPending = false;
            return 1;
        }

        var written = 0;
        var versions = bank.PageVersions;
        for (var page = 0; page < Bank.PageCount; page++)
        {
            if (versions[page] == client.SentBankPages[page])
            {
                continue;
            }

            _scratch.Reset();
            var writer = new MessagePackWriter(_scratch);
            writer.WriteArrayHeader(4);
            writer.Write((int)SyncOp.OwnBank);
            writer.Write(1);
            writer.Write(page * Bank.PageSize);
            WriteStackList(ref writer, bank.Slots.Slice(page * Bank.PageSize, Bank.PageSize));
            writer.Flush();
            if (!TryAppend(budget))
            {
                return written;
            }

            client.SentBankPages[page] = versions[page];
            client.SentBankOpen = true;
            written++;
        }

        client.BankPending = false;
        return written;
    }

    /// <summary>The open shop's lines with their prices, or its closing (a shop holds at most 40 lines, so one entry fits).</summary>
    private int WriteShop(ClientView client, int budget)
    {
        var open = _context.Shops.TryGetOpen(client.PlayerNetworkId, out var shop);
        _scratch.Reset();
        var writer = new MessagePackWriter(_scratch);
        writer.WriteArrayHeader(3);
        writer.Write((int)SyncOp.OwnShop);
        writer.Write(open ? shop!.Definition.Id : 0);
        var lines = open ? shop!.Lines : [];
        writer.WriteArrayHeader(lines.Count);
        foreach (var line in lines)
        {
            var value = _context.Items.TryGet(line.ItemId, out var item) ? item.Value : 0;
            writer.WriteArrayHeader(4);
            writer.Write(line.ItemId);
            writer.Write(line.Quantity);
            writer.Write(shop!.Definition.PriceToBuy(value));
            writer.Write(shop.Definition.PriceToSell(value));
        }

        writer.Flush();
        if (!TryAppend(budget))
        {
            return 0;
        }

        client.SentShop = open ? (shop!.Definition.Id, shop.Version) : (0, 0);
        client.ShopPending = false;
        return 1;
    }

    private void WriteStacks(SyncOp op, ReadOnlySpan<ItemStack> stacks)
    {
        _scratch.Reset();
        var writer = new MessagePackWriter(_scratch);
        writer.WriteArrayHeader(2);
        writer.Write((int)op);
        WriteStackList(ref writer, stacks);
        writer.Flush();
    }

    /// <summary><c>[[itemId, quantity], ...]</c>, empty slots included.</summary>
    private static void WriteStackList(ref MessagePackWriter writer, ReadOnlySpan<ItemStack> stacks)
    {
        writer.WriteArrayHeader(stacks.Length);
        foreach (var stack in stacks)
        {
            writer.WriteArrayHeader(2);
            writer.Write(stack.ItemId);
            writer.Write(stack.Quantity);
        }
    }

    /// <summary>Writes one entity entry, its fields in table order.</summary>
    private void WriteEntity(SyncOp op, in EntitySnapshot snapshot, SyncField fields)
    {
        var writer = new SpanPackWriter(_packet.GetSpan(SyncFieldTable.MaxEntrySize(fields)));
        writer.WriteArrayHeader(3 + SyncFieldTable.ValueCount(fields));
        writer.Write((long)op);
        writer.Write(snapshot.NetworkId);
        writer.WriteUnsigned((ushort)fields);
        foreach (var spec in SyncFieldTable.Fields)
        {
            if ((fields & spec.Field) != 0)
            {
                WriteField(ref writer, spec.Field, snapshot);
            }
        }

        _packet.Advance(writer.Position);
    }

    /// <summary>The values of one field, as <see cref="SyncFieldTable"/> counts them.</summary>
    private void WriteField(ref SpanPackWriter writer, SyncField field, in EntitySnapshot snapshot)
    {
        switch (field)
        {
            case SyncField.Kind:
                writer.Write((long)snapshot.Kind);
                break;
            case SyncField.Position:
                writer.WriteNumber(snapshot.X);
                writer.WriteNumber(snapshot.Y);
                writer.WriteNumber(snapshot.Z);
                break;
            case SyncField.Rotation:
                writer.WriteNumber(snapshot.Yaw);
                break;
            case SyncField.Health:
                writer.Write(snapshot.Health);
                writer.Write(snapshot.MaxHealth);
                break;
            case SyncField.Combat:
                writer.Write(snapshot.TargetId);
                writer.Write(snapshot.CombatUntil);
                break;
            case SyncField.Emote:
                writer.Write(snapshot.EmoteId);
                writer.Write(snapshot.EmoteUntil);
                break;
            case SyncField.Name:
                var name = _world.TryGet<Player>(snapshot.Entity, out var player) ? player.Name : _world.GetReadOnly<Ghost>(snapshot.Entity).Name;
                var length = Encoding.UTF8.GetBytes(name.AsSpan(), _nameUtf8);
                writer.WriteString(_nameUtf8.AsSpan(0, length));
                break;
            case SyncField.Type:
                writer.Write(snapshot.TypeId);
                break;
            case SyncField.Quantity:
                writer.Write(snapshot.Quantity);
                break;
            case SyncField.Appearance:
                ref readonly var shown = ref _snapshots.AppearanceOf(snapshot.Entity.Id);
                writer.WriteArrayHeader(Equipment.SlotCount);
                foreach (var itemId in shown)
                {
                    writer.Write(itemId);
                }

                break;
        }
    }

    /// <summary>
    /// Starts a packet: <c>[67, frame, tick, [entries]]</c> for sync, <c>[68, tick, [events]]</c>
    /// for events, with a 32-bit array header whose count is patched at the returned offset.
    /// </summary>
    private int BeginPacket(MessageType type)
    {
        _packet.Reset();
        var writer = new MessagePackWriter(_packet);
        var sync = type == MessageType.Sync;
        writer.WriteArrayHeader(sync ? 4 : 3);
        writer.Write((int)type);
        if (sync)
        {
            writer.Write(_counters.Frame);
        }

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
        _counters.Packets++;
        _counters.Bytes += _packet.WrittenCount;
    }
}
