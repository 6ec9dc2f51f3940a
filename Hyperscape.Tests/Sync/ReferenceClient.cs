using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using MessagePack;

namespace Hyperscape.Tests.Sync;

/// <summary>
/// A client written from the protocol document: it decodes every packet it receives and applies
/// it to its own copy of the world, failing the test on any protocol violation (a spawn of a known
/// id, an update or despawn of an unknown one, a packet over the budget).
/// </summary>
internal sealed class ReferenceClient(long clientId, long playerNetworkId)
{
    public long ClientId { get; } = clientId;

    public long PlayerNetworkId { get; } = playerNetworkId;

    public Dictionary<long, ClientEntity> Entities { get; } = [];

    public ItemStack[]? Inventory { get; private set; }

    public ItemStack[]? Equipment { get; private set; }

    public (int Level, int XpTenths)[]? Skills { get; private set; }

    public (int Points, int Active)? Prayer { get; private set; }

    public (int CombatOption, bool AutoRetaliate, bool Running)? Settings { get; private set; }

    public List<GameEvent> Events { get; } = [];

    /// <summary>The bank as shown while open (null while closed).</summary>
    public ItemStack[]? Bank { get; private set; }

    /// <summary>The open shop and its lines as shown (null while none is open).</summary>
    public (int ShopId, (int Item, int Quantity, int Price, int Offer)[] Lines)? Shop { get; private set; }

    /// <summary>Bank entries received.</summary>
    public int BankPages { get; private set; }

    public long BytesReceived { get; private set; }

    public int Packets { get; private set; }

    public uint Frame { get; private set; }

    public void Receive(ReadOnlySpan<byte> packet)
    {
        Assert.That(packet.Length, Is.LessThanOrEqualTo(WireProtocol.MaxPacketSize), "packet over budget");
        BytesReceived += packet.Length;
        Packets++;
        var reader = new MessagePackReader(packet.ToArray());
        var count = reader.ReadArrayHeader();
        var type = (MessageType)reader.ReadInt32();
        switch (type)
        {
            case MessageType.Sync:
                Assert.That(count, Is.EqualTo(4));
                Frame = reader.ReadUInt32();
                reader.ReadInt64();
                var entries = reader.ReadArrayHeader();
                Assert.That(entries, Is.GreaterThan(0), "empty sync packets are not sent");
                for (var i = 0; i < entries; i++)
                {
                    ApplyEntry(ref reader);
                }

                break;
            case MessageType.Event:
                Assert.That(count, Is.EqualTo(3));
                reader.ReadInt64();
                var events = reader.ReadArrayHeader();
                for (var i = 0; i < events; i++)
                {
                    Assert.That(reader.ReadArrayHeader(), Is.EqualTo(ServerMessages.EventFields));
                    var e = new GameEvent((GameEventKind)reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64(),
                        reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), (RejectionReason)reader.ReadInt32(), reader.ReadInt64());
                    if (e.Kind is GameEventKind.Damage or GameEventKind.Died or GameEventKind.Respawned or GameEventKind.EmotePlayed or GameEventKind.ResourceDepleted)
                    {
                        Assert.That(Entities.ContainsKey(e.Subject), Is.True, $"{e.Kind} about {e.Subject}, which this client cannot see");
                    }
                    else
                    {
                        Assert.That(e.Subject == PlayerNetworkId || e.Other == PlayerNetworkId, Is.True, $"someone else's {e.Kind}");
                    }

                    Events.Add(e);
                }

                break;
            default:
                Assert.Fail($"unexpected message type {type}");
                break;
        }

        Assert.That(reader.End, Is.True, "trailing bytes in a packet");
    }

    private void ApplyEntry(ref MessagePackReader reader)
    {
        var length = reader.ReadArrayHeader();
        var op = (SyncOp)reader.ReadInt32();
        switch (op)
        {
            case SyncOp.Spawn or SyncOp.Update:
                {
                    var id = reader.ReadInt64();
                    var fields = (SyncField)reader.ReadUInt16();
                    Assert.That(length, Is.EqualTo(3 + SyncFieldTable.ValueCount(fields)));
                    ClientEntity entity;
                    if (op == SyncOp.Spawn)
                    {
                        Assert.That(Entities.ContainsKey(id), Is.False, $"spawn of {id}, which is already known");
                        entity = new ClientEntity();
                        Entities[id] = entity;
                    }
                    else
                    {
                        Assert.That(Entities.TryGetValue(id, out entity!), Is.True, $"update of unknown {id}");
                        Assert.That(fields & (SyncField.Kind | SyncField.Name | SyncField.Type), Is.EqualTo(SyncField.None), "identity never changes");
                    }

                    Read(ref reader, entity, fields);
                    entity.UpdatedFrame = Frame;
                    break;
                }

            case SyncOp.Despawn:
                {
                    var id = reader.ReadInt64();
                    Assert.That(Entities.Remove(id), Is.True, $"despawn of unknown {id}");
                    break;
                }

            case SyncOp.OwnInventory:
                Inventory = ReadStacks(ref reader);
                break;
            case SyncOp.OwnEquipment:
                Equipment = ReadStacks(ref reader);
                break;
            case SyncOp.OwnSkills:
                var skills = new (int, int)[reader.ReadArrayHeader()];
                for (var i = 0; i < skills.Length; i++)
                {
                    reader.ReadArrayHeader();
                    skills[i] = (reader.ReadInt32(), reader.ReadInt32());
                }

                Skills = skills;
                break;
            case SyncOp.OwnPrayer:
                Prayer = (reader.ReadInt32(), reader.ReadInt32());
                break;
            case SyncOp.OwnSettings:
                Settings = (reader.ReadInt32(), reader.ReadInt32() == 1, reader.ReadInt32() == 1);
                break;
            case SyncOp.OwnShop:
                var shopId = reader.ReadInt32();
                var lines = new (int Item, int Quantity, int Price, int Offer)[reader.ReadArrayHeader()];
                for (var i = 0; i < lines.Length; i++)
                {
                    Assert.That(reader.ReadArrayHeader(), Is.EqualTo(4));
                    lines[i] = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
                }

                Shop = shopId == 0 ? null : (shopId, lines);
                break;
            case SyncOp.OwnBank:
                var open = reader.ReadInt32() == 1;
                var first = reader.ReadInt32();
                var page = ReadStacks(ref reader);
                BankPages++;
                if (!open)
                {
                    Assert.That(page, Is.Empty, "a closing entry carries no slots");
                    Bank = null;
                    break;
                }

                Bank ??= new ItemStack[Ecs.Game.Banking.Bank.SlotCount];
                page.CopyTo(Bank, first);
                break;
            default:
                Assert.Fail($"unknown sync op {op}");
                break;
        }
    }

    private static void Read(ref MessagePackReader reader, ClientEntity entity, SyncField fields)
    {
        if ((fields & SyncField.Kind) != 0)
        {
            entity.Kind = (WireEntityKind)reader.ReadInt32();
        }

        if ((fields & SyncField.Position) != 0)
        {
            entity.X = reader.ReadSingle();
            entity.Y = reader.ReadSingle();
            entity.Z = reader.ReadSingle();
        }

        if ((fields & SyncField.Rotation) != 0)
        {
            entity.Yaw = reader.ReadSingle();
        }

        if ((fields & SyncField.Health) != 0)
        {
            entity.Health = reader.ReadInt32();
            entity.MaxHealth = reader.ReadInt32();
        }

        if ((fields & SyncField.Combat) != 0)
        {
            entity.TargetId = reader.ReadInt64();
            entity.CombatUntil = reader.ReadInt64();
        }

        if ((fields & SyncField.Emote) != 0)
        {
            entity.EmoteId = reader.ReadInt32();
            entity.EmoteUntil = reader.ReadInt64();
        }

        if ((fields & SyncField.Name) != 0)
        {
            entity.Name = reader.ReadString();
        }

        if ((fields & SyncField.Type) != 0)
        {
            entity.TypeId = reader.ReadInt32();
        }

        if ((fields & SyncField.Quantity) != 0)
        {
            entity.Quantity = reader.ReadInt32();
        }

        if ((fields & SyncField.Appearance) != 0)
        {
            var appearance = new int[reader.ReadArrayHeader()];
            for (var i = 0; i < appearance.Length; i++)
            {
                appearance[i] = reader.ReadInt32();
            }

            entity.Appearance = appearance;
        }
    }

    private static ItemStack[] ReadStacks(ref MessagePackReader reader)
    {
        var stacks = new ItemStack[reader.ReadArrayHeader()];
        for (var i = 0; i < stacks.Length; i++)
        {
            reader.ReadArrayHeader();
            stacks[i] = new ItemStack(reader.ReadInt32(), reader.ReadInt32());
        }

        return stacks;
    }
}
