using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

/// <summary>Delivers packets to the reference clients by id.</summary>
internal sealed class ClientRouter : IPacketSink
{
    public Dictionary<long, ReferenceClient> Clients { get; } = [];

    public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery)
    {
        Assert.That(Clients.TryGetValue(clientId, out var client), Is.True, $"a packet for client {clientId}, who is not connected");
        client!.Receive(packet);
    }
}
