using System.Buffers;
using System.Text;
using Hyperscape.Ecs.Game.Actions;
using MessagePack;

namespace Hyperscape.Ecs.Protocol;

/// <summary>
/// Decodes client messages from untrusted bytes. The decoder follows the expected shape of each
/// message type and nothing else: it never recurses, never skips unknown structures, and turns
/// every malformed input (truncated, oversized, wrong type, unknown type, nested, trailing bytes)
/// into a <see cref="ProtocolError"/>. No exception escapes and the work is linear in the input.
/// </summary>
public static class ClientMessageDecoder
{
    /// <summary>Decodes one MessagePack client message.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> bytes, out ClientMessage message, out ProtocolError error)
    {
        message = default;
        if (bytes.Length == 0)
        {
            error = new ProtocolError(ProtocolErrorCode.Truncated, "The message is empty.");
            return false;
        }

        if (bytes.Length > WireProtocol.MaxPacketSize)
        {
            error = new ProtocolError(ProtocolErrorCode.TooLarge, $"The message has {bytes.Length} bytes; the limit is {WireProtocol.MaxPacketSize}.");
            return false;
        }

        try
        {
            var reader = new MessagePackReader(bytes);
            if (reader.NextMessagePackType != MessagePackType.Array)
            {
                error = new ProtocolError(ProtocolErrorCode.NotAnArray, "A message is an array whose first element is its type.");
                return false;
            }

            var count = reader.ReadArrayHeader();
            if (count < 1)
            {
                error = new ProtocolError(ProtocolErrorCode.WrongShape, "The message array is empty.");
                return false;
            }

            if (!TryInt(ref reader, 0, byte.MaxValue, "type", out var type, out error))
            {
                return false;
            }

            if (!TryBody(ref reader, (MessageType)type, count, out message, out error))
            {
                return false;
            }

            if (!reader.End)
            {
                error = new ProtocolError(ProtocolErrorCode.TrailingBytes, "Bytes follow the end of the message.");
                return false;
            }

            error = default;
            return true;
        }
        catch (EndOfStreamException)
        {
            error = new ProtocolError(ProtocolErrorCode.Truncated, "The message ended early.");
        }
        catch (MessagePackSerializationException exception)
        {
            error = new ProtocolError(ProtocolErrorCode.WrongType, exception.Message);
        }
        catch (OverflowException)
        {
            error = new ProtocolError(ProtocolErrorCode.OutOfRange, "A number does not fit its field.");
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException or DecoderFallbackException)
        {
            // The reader reports some malformed headers this way (found by the fuzz test).
            error = new ProtocolError(ProtocolErrorCode.WrongType, $"Malformed element: {exception.Message}");
        }

        message = default;
        return false;
    }

    /// <summary>Decodes one JSON client message (a text frame), with the same rules.</summary>
    public static bool TryDecodeJson(ReadOnlySpan<byte> utf8Json, out ClientMessage message, out ProtocolError error)
    {
        message = default;
        if (utf8Json.Length > WireProtocol.MaxPacketSize)
        {
            error = new ProtocolError(ProtocolErrorCode.TooLarge, $"The message has {utf8Json.Length} bytes; the limit is {WireProtocol.MaxPacketSize}.");
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(JsonTranscoder.MaxExpansion * WireProtocol.MaxPacketSize);
        try
        {
            return JsonTranscoder.TryToMessagePack(utf8Json, new FixedBufferWriter(buffer), out var written, out error)
                && TryDecode(buffer.AsMemory(0, written), out message, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryBody(ref MessagePackReader reader, MessageType type, int count, out ClientMessage message, out ProtocolError error)
    {
        message = default;
        switch (type)
        {
            case MessageType.Hello:
                if (!Shape(count, 4, type, out error)
                    || !TryInt(ref reader, int.MinValue, int.MaxValue, "version", out var version, out error)
                    || !TryText(ref reader, 2048, nullable: true, "accessToken", out var token, out error)
                    || !TryText(ref reader, 128, nullable: true, "resumeToken", out var resume, out error))
                {
                    return false;
                }

                message = new ClientMessage(type, Number: version, Text: token, Name: resume);
                return true;

            case MessageType.Action:
                if (!Shape(count, 8, type, out error)
                    || !TryInt(ref reader, 0, byte.MaxValue, "kind", out var kind, out error)
                    || !TryLong(ref reader, "target", out var target, out error)
                    || !TryInt(ref reader, int.MinValue, int.MaxValue, "slot", out var slot, out error)
                    || !TryInt(ref reader, int.MinValue, int.MaxValue, "quantity", out var quantity, out error)
                    || !TryFloat(ref reader, "x", out var x, out error)
                    || !TryFloat(ref reader, "z", out var z, out error)
                    || !TryInt(ref reader, int.MinValue, int.MaxValue, "value", out var value, out error))
                {
                    return false;
                }

                message = new ClientMessage(type, new PlayerAction(0, (ActionKind)kind, target, slot, quantity, x, z, value));
                return true;

            case MessageType.Chat:
                if (!Shape(count, 4, type, out error)
                    || !TryInt(ref reader, (int)ChatChannel.Public, (int)ChatChannel.Private, "channel", out var channel, out error)
                    || !TryText(ref reader, WireProtocol.MaxNameLength, nullable: true, "recipient", out var recipient, out error)
                    || !TryText(ref reader, WireProtocol.MaxChatBytes, nullable: false, "text", out var text, out error))
                {
                    return false;
                }

                if (!Game.Social.SocialRules.FitsMessageLimits(text!))
                {
                    error = new ProtocolError(ProtocolErrorCode.TextTooLong, $"text has at most {WireProtocol.MaxChatLength} characters and {WireProtocol.MaxChatBytes} bytes.");
                    return false;
                }

                message = new ClientMessage(type, Number: channel, Text: text, Name: recipient);
                return true;

            case MessageType.Social:
                if (!Shape(count, 3, type, out error)
                    || !TryInt(ref reader, (int)SocialOperation.AddFriend, (int)SocialOperation.RemoveIgnore, "operation", out var operation, out error)
                    || !TryText(ref reader, WireProtocol.MaxNameLength, nullable: false, "name", out var name, out error))
                {
                    return false;
                }

                message = new ClientMessage(type, Number: operation, Name: name);
                return true;

            case MessageType.ListCharacters or MessageType.RequestVoiceToken:
                if (!Shape(count, 1, type, out error))
                {
                    return false;
                }

                message = new ClientMessage(type);
                return true;

            case MessageType.CreateCharacter:
                if (!Shape(count, 2, type, out error)
                    || !TryText(ref reader, WireProtocol.MaxNameLength, nullable: false, "name", out var characterName, out error))
                {
                    return false;
                }

                message = new ClientMessage(type, Text: characterName);
                return true;

            case MessageType.SelectCharacter or MessageType.Ping:
                if (!Shape(count, 2, type, out error) || !TryLong(ref reader, type == MessageType.Ping ? "clientTime" : "characterId", out var id, out error))
                {
                    return false;
                }

                message = new ClientMessage(type, Id: id);
                return true;

            case MessageType.SetVoiceMode:
                if (!Shape(count, 2, type, out error) || !TryInt(ref reader, 0, 1, "mode", out var mode, out error))
                {
                    return false;
                }

                message = new ClientMessage(type, Number: mode);
                return true;

            default:
                error = new ProtocolError(ProtocolErrorCode.UnknownType, $"{(int)type} is not a client message type.");
                return false;
        }
    }

    private static bool Shape(int count, int expected, MessageType type, out ProtocolError error)
    {
        error = count == expected ? default : new ProtocolError(ProtocolErrorCode.WrongShape, $"{type} has {expected} elements, not {count}.");
        return count == expected;
    }

    private static bool TryInt(ref MessagePackReader reader, int min, int max, string field, out int value, out ProtocolError error)
    {
        value = 0;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail(ProtocolErrorCode.WrongType, $"{field} must be an integer.", out error);
        }

        var wide = reader.ReadInt64();
        if (wide < min || wide > max)
        {
            return Fail(ProtocolErrorCode.OutOfRange, $"{field} must be within {min}..{max}.", out error);
        }

        value = (int)wide;
        error = default;
        return true;
    }

    private static bool TryLong(ref MessagePackReader reader, string field, out long value, out ProtocolError error)
    {
        value = 0;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return Fail(ProtocolErrorCode.WrongType, $"{field} must be an integer.", out error);
        }

        value = reader.ReadInt64();
        error = default;
        return true;
    }

    private static bool TryFloat(ref MessagePackReader reader, string field, out float value, out ProtocolError error)
    {
        value = 0;
        if (reader.NextMessagePackType is not (MessagePackType.Float or MessagePackType.Integer))
        {
            return Fail(ProtocolErrorCode.WrongType, $"{field} must be a number.", out error);
        }

        // Non-finite values decode; the game rules refuse them, with a reason the player sees.
        value = reader.ReadSingle();
        error = default;
        return true;
    }

    private static bool TryText(ref MessagePackReader reader, int maxLength, bool nullable, string field, out string? value, out ProtocolError error)
    {
        value = null;
        if (reader.TryReadNil())
        {
            error = default;
            return nullable || Fail(ProtocolErrorCode.WrongType, $"{field} must be a string.", out error);
        }

        if (reader.NextMessagePackType != MessagePackType.String)
        {
            return Fail(ProtocolErrorCode.WrongType, $"{field} must be a string.", out error);
        }

        value = reader.ReadString();
        if (value!.Length > maxLength)
        {
            value = null;
            return Fail(ProtocolErrorCode.TextTooLong, $"{field} has at most {maxLength} characters.", out error);
        }

        error = default;
        return true;
    }

    private static bool Fail(ProtocolErrorCode code, string message, out ProtocolError error)
    {
        error = new ProtocolError(code, message);
        return false;
    }
}
