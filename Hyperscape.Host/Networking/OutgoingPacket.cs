using System.Text;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Host.Networking;

/// <summary>A queued packet: its bytes (MessagePack), and whether it goes out as a JSON text frame.</summary>
/// <param name="Payload">The packet's bytes, valid until the sender recycles its batch or takes the next.</param>
/// <param name="Text">True for a client that speaks JSON: transcoded on the send path.</param>
public readonly record struct OutgoingPacket(ReadOnlyMemory<byte> Payload, bool Text)
{
    /// <summary>The message that goes on the wire: the payload, or for a JSON client its transcoding (done here, off the game thread).</summary>
    internal ReadOnlyMemory<byte> WireBytes() => Text ? Encoding.UTF8.GetBytes(JsonTranscoder.ToJson(Payload)) : Payload;
}
