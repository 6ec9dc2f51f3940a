using System.Buffers.Binary;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Host.Zones;

/// <summary>
/// Ghost states as the bytes one zone sends its neighbour each tick: a fixed-size record per ghost,
/// little-endian, so a batch is one array and no object per ghost.
/// </summary>
internal static class GhostCodec
{
    /// <summary>The bytes of one ghost.</summary>
    public const int Size = 8 + 8 + 1 + 4 + (3 * 4) + 4 + 4 + 4 + (Equipment.SlotCount * 4) + 1 + (DisplayName.MaxLength * 2);

    /// <summary>Encodes the states into a new array.</summary>
    public static byte[] Encode(List<GhostState> ghosts)
    {
        var bytes = new byte[ghosts.Count * Size];
        var span = bytes.AsSpan();
        foreach (var ghost in ghosts)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span, ghost.NetworkId);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], ghost.CharacterId);
            span[16] = (byte)ghost.Kind;
            BinaryPrimitives.WriteInt32LittleEndian(span[17..], ghost.TypeId);
            BinaryPrimitives.WriteSingleLittleEndian(span[21..], ghost.Position.X);
            BinaryPrimitives.WriteSingleLittleEndian(span[25..], ghost.Position.Y);
            BinaryPrimitives.WriteSingleLittleEndian(span[29..], ghost.Position.Z);
            BinaryPrimitives.WriteSingleLittleEndian(span[33..], ghost.Yaw);
            BinaryPrimitives.WriteInt32LittleEndian(span[37..], ghost.Health);
            BinaryPrimitives.WriteInt32LittleEndian(span[41..], ghost.MaxHealth);
            var at = 45;
            foreach (var item in ghost.Worn)
            {
                BinaryPrimitives.WriteInt32LittleEndian(span[at..], item);
                at += 4;
            }

            var name = ghost.Name.AsSpan();
            span[at++] = (byte)name.Length;
            foreach (var c in name)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[at..], c);
                at += 2;
            }

            span = span[Size..];
        }

        return bytes;
    }

    /// <summary>
    /// Decodes as many whole ghosts as <paramref name="into"/> holds; the count decoded. A record that
    /// does not read (a kind that is not a player or an NPC, a name too long) ends the batch there.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> bytes, Span<GhostState> into)
    {
        var count = 0;
        Span<char> name = stackalloc char[DisplayName.MaxLength];
        while (bytes.Length >= Size && count < into.Length)
        {
            var kind = (WireEntityKind)bytes[16];
            var at = 45 + (Equipment.SlotCount * 4);
            var nameLength = bytes[at++];
            if (kind is not (WireEntityKind.Player or WireEntityKind.Npc) || nameLength > DisplayName.MaxLength)
            {
                break;
            }

            var worn = default(WornItems);
            for (var i = 0; i < Equipment.SlotCount; i++)
            {
                worn[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(45 + (i * 4))..]);
            }

            for (var i = 0; i < nameLength; i++)
            {
                name[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + (i * 2))..]);
            }

            into[count++] = new GhostState(
                BinaryPrimitives.ReadInt64LittleEndian(bytes),
                BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]),
                kind,
                BinaryPrimitives.ReadInt32LittleEndian(bytes[17..]),
                new Position(BinaryPrimitives.ReadSingleLittleEndian(bytes[21..]), BinaryPrimitives.ReadSingleLittleEndian(bytes[25..]), BinaryPrimitives.ReadSingleLittleEndian(bytes[29..])),
                BinaryPrimitives.ReadSingleLittleEndian(bytes[33..]),
                BinaryPrimitives.ReadInt32LittleEndian(bytes[37..]),
                BinaryPrimitives.ReadInt32LittleEndian(bytes[41..]))
            {
                Worn = worn,
                Name = DisplayName.From(name[..nameLength]),
            };
            bytes = bytes[Size..];
        }

        return count;
    }
}
