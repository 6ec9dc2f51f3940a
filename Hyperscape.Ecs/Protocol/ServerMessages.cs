using System.Buffers;
using Hyperscape.Ecs.Game.Events;
using MessagePack;

namespace Hyperscape.Ecs.Protocol;

/// <summary>Encoders of the server-to-client messages (sync frames are written by the sync system).</summary>
public static class ServerMessages
{
    /// <summary>Elements of one event inside an event message.</summary>
    public const int EventFields = 8;

    /// <summary>[64, version, accountId].</summary>
    public static void Welcome(IBufferWriter<byte> output, string accountId)
    {
        var writer = MessageFraming.Begin(output, MessageType.Welcome, 3);
        writer.Write(WireProtocol.Version);
        writer.Write(accountId);
        writer.Flush();
    }

    /// <summary>[65, [[characterId, name, combatLevel], ...]].</summary>
    public static void CharacterList(IBufferWriter<byte> output, IReadOnlyList<CharacterSummary> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Count > MaxListedCharacters)
        {
            throw new ArgumentException($"A character list holds at most {MaxListedCharacters} characters, so that it fits one message.", nameof(characters));
        }

        var writer = MessageFraming.Begin(output, MessageType.CharacterList, 2);
        writer.WriteArrayHeader(characters.Count);
        foreach (var character in characters)
        {
            writer.WriteArrayHeader(3);
            writer.Write(character.CharacterId);
            writer.Write(character.Name);
            writer.Write(character.CombatLevel);
        }

        writer.Flush();
    }

    /// <summary>[66, networkId, tick, resumeToken].</summary>
    public static void EnteredWorld(IBufferWriter<byte> output, long networkId, long tick, string resumeToken)
    {
        var writer = MessageFraming.Begin(output, MessageType.EnteredWorld, 4);
        writer.Write(networkId);
        writer.Write(tick);
        writer.Write(resumeToken);
        writer.Flush();
    }

    /// <summary>
    /// [74, zone, address, resumeToken or nil]: the player's character is now another zone's (it
    /// crossed a border, or logged in at the wrong zone). Reconnect to <paramref name="address"/>;
    /// with a token, resume with it (Hello's name), without one, select the character again there.
    /// </summary>
    public static void ZoneChange(IBufferWriter<byte> output, int zone, string address, string? resumeToken)
    {
        var writer = MessageFraming.Begin(output, MessageType.ZoneChange, 4);
        writer.Write(zone);
        writer.Write(address);
        if (resumeToken is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(resumeToken);
        }

        writer.Flush();
    }

    /// <summary>[69, channel, fromNetworkId, fromName, text].</summary>
    public static void Chat(IBufferWriter<byte> output, ChatChannel channel, long fromNetworkId, string fromName, string text)
    {
        var writer = MessageFraming.Begin(output, MessageType.ChatMessage, 5);
        writer.Write((int)channel);
        writer.Write(fromNetworkId);
        writer.Write(fromName);
        writer.Write(text);
        writer.Flush();
    }

    /// <summary>The longest error text, in UTF-8 bytes: longer ones are cut, so an error always fits one packet.</summary>
    public const int MaxErrorBytes = 400;

    /// <summary>The most characters a character list carries (see <see cref="WireProtocol.MaxCharactersPerAccount"/>).</summary>
    public const int MaxListedCharacters = WireProtocol.MaxCharactersPerAccount;

    /// <summary>[70, code, message]; a message over <see cref="MaxErrorBytes"/> is cut at a character boundary.</summary>
    public static void Error(IBufferWriter<byte> output, ProtocolErrorCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = MessageFraming.Begin(output, MessageType.Error, 3);
        writer.Write((int)code);
        writer.Write(Fit(message, MaxErrorBytes));
        writer.Flush();
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> of UTF-8, never splitting a character.</summary>
    internal static string Fit(string text, int maxBytes)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var bytes = 0;
        var end = 0;
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            bytes += System.Text.Encoding.UTF8.GetByteCount(element);
            if (bytes > maxBytes)
            {
                break;
            }

            end += element.Length;
        }

        return text[..end];
    }

    /// <summary>[71, operation, name, online].</summary>
    public static void Social(IBufferWriter<byte> output, SocialOperation operation, string name, bool online)
    {
        var writer = MessageFraming.Begin(output, MessageType.SocialUpdate, 4);
        writer.Write((int)operation);
        writer.Write(name);
        writer.Write(online);
        writer.Flush();
    }

    /// <summary>[72, enabled, url | nil, token | nil, room | nil]; pass nulls for "voice disabled".</summary>
    public static void VoiceToken(IBufferWriter<byte> output, string? url, string? token, string? room)
    {
        var writer = MessageFraming.Begin(output, MessageType.VoiceToken, 5);
        writer.Write(token is not null);
        MessageFraming.WriteNullable(ref writer, url);
        MessageFraming.WriteNullable(ref writer, token);
        MessageFraming.WriteNullable(ref writer, room);
        writer.Flush();
    }

    /// <summary>[73, clientTime, serverTime].</summary>
    public static void Pong(IBufferWriter<byte> output, long clientTime, long serverTime)
    {
        var writer = MessageFraming.Begin(output, MessageType.Pong, 3);
        writer.Write(clientTime);
        writer.Write(serverTime);
        writer.Flush();
    }

    /// <summary>Writes one event: [kind, subject, other, a, b, c, reason, transaction] (the sync packs them into [68, tick, [events]]).</summary>
    internal static void WriteEvent(ref MessagePackWriter writer, in GameEvent e)
    {
        writer.WriteArrayHeader(EventFields);
        writer.Write((int)e.Kind);
        writer.Write(e.Subject);
        writer.Write(e.Other);
        writer.Write(e.A);
        writer.Write(e.B);
        writer.Write(e.C);
        writer.Write((int)e.Reason);
        writer.Write(e.Transaction);
    }
}
