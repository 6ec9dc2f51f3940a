using System.Buffers;
using Hyperscape.Ecs.Game.Actions;

namespace Hyperscape.Ecs.Protocol;

/// <summary>Encoders of the client-to-server messages, for .NET clients, bots and tests.</summary>
public static class ClientMessages
{
    /// <summary>[1, version, accessToken | nil, resumeToken | nil].</summary>
    public static void Hello(IBufferWriter<byte> output, string? accessToken, string? resumeToken = null, int version = WireProtocol.Version)
    {
        var writer = MessageFraming.Begin(output, MessageType.Hello, 4);
        writer.Write(version);
        MessageFraming.WriteNullable(ref writer, accessToken);
        MessageFraming.WriteNullable(ref writer, resumeToken);
        writer.Flush();
    }

    /// <summary>[2, kind, target, slot, quantity, x, z, value].</summary>
    public static void Action(IBufferWriter<byte> output, in PlayerAction action)
    {
        var writer = MessageFraming.Begin(output, MessageType.Action, 8);
        writer.Write((int)action.Kind);
        writer.Write(action.Target);
        writer.Write(action.Slot);
        writer.Write(action.Quantity);
        writer.Write(action.X);
        writer.Write(action.Z);
        writer.Write(action.Value);
        writer.Flush();
    }

    /// <summary>[3, channel, recipient | nil, text].</summary>
    public static void Chat(IBufferWriter<byte> output, ChatChannel channel, string? recipient, string text)
    {
        var writer = MessageFraming.Begin(output, MessageType.Chat, 4);
        writer.Write((int)channel);
        MessageFraming.WriteNullable(ref writer, recipient);
        writer.Write(text);
        writer.Flush();
    }

    /// <summary>[4, operation, name].</summary>
    public static void Social(IBufferWriter<byte> output, SocialOperation operation, string name)
    {
        var writer = MessageFraming.Begin(output, MessageType.Social, 3);
        writer.Write((int)operation);
        writer.Write(name);
        writer.Flush();
    }

    /// <summary>[5].</summary>
    public static void ListCharacters(IBufferWriter<byte> output) => MessageFraming.Begin(output, MessageType.ListCharacters, 1).Flush();

    /// <summary>[6, name].</summary>
    public static void CreateCharacter(IBufferWriter<byte> output, string name)
    {
        var writer = MessageFraming.Begin(output, MessageType.CreateCharacter, 2);
        writer.Write(name);
        writer.Flush();
    }

    /// <summary>[7, characterId].</summary>
    public static void SelectCharacter(IBufferWriter<byte> output, long characterId)
    {
        var writer = MessageFraming.Begin(output, MessageType.SelectCharacter, 2);
        writer.Write(characterId);
        writer.Flush();
    }

    /// <summary>[8].</summary>
    public static void RequestVoiceToken(IBufferWriter<byte> output) => MessageFraming.Begin(output, MessageType.RequestVoiceToken, 1).Flush();

    /// <summary>[9, clientTime].</summary>
    public static void Ping(IBufferWriter<byte> output, long clientTime)
    {
        var writer = MessageFraming.Begin(output, MessageType.Ping, 2);
        writer.Write(clientTime);
        writer.Flush();
    }

    /// <summary>[10, mode]: 0 voice activation, 1 push-to-talk.</summary>
    public static void SetVoiceMode(IBufferWriter<byte> output, bool pushToTalk)
    {
        var writer = MessageFraming.Begin(output, MessageType.SetVoiceMode, 2);
        writer.Write(pushToTalk ? 1 : 0);
        writer.Flush();
    }
}
