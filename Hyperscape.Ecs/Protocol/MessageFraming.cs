using System.Buffers;
using MessagePack;

namespace Hyperscape.Ecs.Protocol;

/// <summary>The envelope every message shares: an array whose first element is the type.</summary>
internal static class MessageFraming
{
    public static MessagePackWriter Begin(IBufferWriter<byte> output, MessageType type, int elements)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(elements);
        writer.Write((int)type);
        return writer;
    }

    public static void WriteNullable(ref MessagePackWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(value);
        }
    }
}
