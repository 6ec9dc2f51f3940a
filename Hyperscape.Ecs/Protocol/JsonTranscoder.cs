using System.Buffers.Binary;
using System.Text.Json;
using MessagePack;

namespace Hyperscape.Ecs.Protocol;

/// <summary>
/// The JSON encoding of the protocol: the same arrays, written as JSON. Client JSON is transcoded
/// strictly with <see cref="Utf8JsonReader"/> (depth-limited, arrays and scalars only, one value,
/// nothing after it) because MessagePack's own converter accepts truncated JSON. Server output is
/// our own bytes and goes through <see cref="MessagePackSerializer.ConvertToJson(ReadOnlyMemory{byte}, MessagePackSerializerOptions, CancellationToken)"/>.
/// </summary>
public static class JsonTranscoder
{
    /// <summary>How much larger MessagePack can be than the JSON it came from (a "1.5" becomes a 9-byte double).</summary>
    public const int MaxExpansion = 4;

    private const byte Array32 = 0xdd;

    /// <summary>Transcodes one JSON message to MessagePack into <paramref name="destination"/>.</summary>
    public static bool TryToMessagePack(ReadOnlySpan<byte> utf8Json, FixedBufferWriter destination, out int written, out ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(destination);
        written = 0;
        destination.Reset();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = WireProtocol.MaxJsonDepth });
        Span<int> headerAt = stackalloc int[WireProtocol.MaxJsonDepth + 1];
        Span<int> counts = stackalloc int[WireProtocol.MaxJsonDepth + 1];
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                if (depth > 0 && reader.TokenType != JsonTokenType.EndArray)
                {
                    counts[depth - 1]++;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray:
                        // The count is unknown until the end: reserve an array32 header and patch it.
                        headerAt[depth] = destination.WrittenCount;
                        counts[depth] = 0;
                        destination.GetSpan(5)[0] = Array32;
                        destination.Advance(5);
                        depth++;
                        break;
                    case JsonTokenType.EndArray:
                        depth--;
                        BinaryPrimitives.WriteUInt32BigEndian(destination.WrittenSpanForPatching[(headerAt[depth] + 1)..], (uint)counts[depth]);
                        break;
                    case JsonTokenType.Number or JsonTokenType.String or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        WriteScalar(ref reader, destination);
                        break;
                    default:
                        error = new ProtocolError(ProtocolErrorCode.InvalidJson, "Messages are arrays of numbers, strings, booleans and null; objects are not used.");
                        return false;
                }
            }

            if (destination.WrittenCount == 0 || depth != 0)
            {
                error = new ProtocolError(ProtocolErrorCode.InvalidJson, "The JSON message is empty or incomplete.");
                return false;
            }
        }
        catch (JsonException exception)
        {
            error = new ProtocolError(ProtocolErrorCode.InvalidJson, exception.Message);
            return false;
        }
        catch (InvalidOperationException)
        {
            error = new ProtocolError(ProtocolErrorCode.TooLarge, "The message is too large.");
            return false;
        }

        written = destination.WrittenCount;
        error = default;
        return true;
    }

    /// <summary>Writes a MessagePack message as JSON (for debugging tools and browser clients).</summary>
    public static string ToJson(ReadOnlyMemory<byte> messagePack) => MessagePackSerializer.ConvertToJson(messagePack);

    private static void WriteScalar(ref Utf8JsonReader reader, FixedBufferWriter destination)
    {
        var writer = new MessagePackWriter(destination);
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonTokenType.Number:
                writer.Write(reader.GetDouble());
                break;
            case JsonTokenType.String:
                writer.Write(reader.GetString());
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.Write(reader.GetBoolean());
                break;
            default:
                writer.WriteNil();
                break;
        }

        writer.Flush();
    }
}
