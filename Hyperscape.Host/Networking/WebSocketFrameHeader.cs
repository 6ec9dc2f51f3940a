using System.Buffers.Binary;

namespace Hyperscape.Host.Networking;

/// <summary>RFC 6455 headers for the frames a server sends: final, unmasked, one whole message or control frame each.</summary>
internal static class WebSocketFrameHeader
{
    /// <summary>The most bytes a header takes.</summary>
    public const int MaxLength = 10;

    /// <summary>Opcodes (RFC 6455, 5.2): a continuation, the two data kinds, then the control frames.</summary>
    public const int ContinuationOpcode = 0x0, TextOpcode = 0x1, BinaryOpcode = 0x2, CloseOpcode = 0x8, PingOpcode = 0x9, PongOpcode = 0xA;

    /// <summary>Writes the header of a text or binary frame of <paramref name="payloadLength"/> bytes; returns its length.</summary>
    public static int Write(Span<byte> into, bool text, int payloadLength) => Write(into, text ? TextOpcode : BinaryOpcode, payloadLength);

    /// <summary>Writes the header of a frame with the given opcode; returns its length.</summary>
    public static int Write(Span<byte> into, int opcode, int payloadLength)
    {
        into[0] = (byte)(0x80 | opcode);
        if (payloadLength < 126)
        {
            into[1] = (byte)payloadLength;
            return 2;
        }

        if (payloadLength <= ushort.MaxValue)
        {
            into[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(into[2..], (ushort)payloadLength);
            return 4;
        }

        into[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(into[2..], (ulong)payloadLength);
        return 10;
    }
}
