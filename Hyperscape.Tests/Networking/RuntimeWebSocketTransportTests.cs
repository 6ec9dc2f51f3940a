using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Host.Networking;

namespace Hyperscape.Tests.Networking;

/// <summary>
/// The transport for connections the server does not frame itself (WebSockets over HTTP/2), on a
/// loopback socket pair with the runtime's WebSocket at both ends: the same outcomes as the
/// server's own framing.
/// </summary>
public sealed class RuntimeWebSocketTransportTests
{
    [Test]
    public async Task Whole_messages_arrive_with_their_kind_and_one_over_the_limit_ends_the_receive()
    {
        var (client, server) = await PairAsync();
        using (client)
        await using (server)
        {
            var received = new List<(int Length, bool Text)>();
            var receiving = server.ReceiveAsync((message, text) =>
            {
                received.Add((message.Length, text));
                return Task.CompletedTask;
            }, CancellationToken.None);

            await client.SendAsync("[1,"u8.ToArray(), WebSocketMessageType.Text, false, CancellationToken.None);
            await client.SendAsync("2]"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await client.SendAsync(new byte[WireProtocol.MaxPacketSize], WebSocketMessageType.Binary, true, CancellationToken.None);
            await client.SendAsync(new byte[WireProtocol.MaxPacketSize + 1], WebSocketMessageType.Binary, true, CancellationToken.None);

            Assert.That(await receiving.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(ReceiveOutcome.TooLarge));
            Assert.That(received, Is.EqualTo(new[] { (5, true), (WireProtocol.MaxPacketSize, false) }));
        }
    }

    [Test]
    public async Task A_batch_goes_out_as_one_message_per_packet_and_the_close_carries_its_status()
    {
        var (client, server) = await PairAsync();
        using (client)
        await using (server)
        {
            var queue = new OutgoingQueue(64 * 1024);
            Assert.That(queue.TryEnqueue(new byte[] { 0x91, 0x05 }, text: false, droppable: false), Is.True);
            Assert.That(queue.TryEnqueue(new byte[300], text: false, droppable: false), Is.True);

            var sent = await server.SendAsync(queue.TakeBatch(), new SendClock(), CancellationToken.None);
            await server.CloseOutputAsync(1008, "Too slow to keep up.", CancellationToken.None);

            Assert.That(sent, Is.EqualTo(302), "payload bytes");
            var buffer = new byte[1024];
            var first = await client.ReceiveAsync(buffer, CancellationToken.None);
            var second = await client.ReceiveAsync(buffer, CancellationToken.None);
            var close = await client.ReceiveAsync(buffer, CancellationToken.None);
            Assert.That((first.Count, first.EndOfMessage, second.Count, second.EndOfMessage), Is.EqualTo((2, true, 300, true)));
            Assert.That(close.MessageType, Is.EqualTo(WebSocketMessageType.Close));
            Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
            Assert.That(server.CanSend, Is.False, "nothing after the close");
        }
    }

    [Test]
    public async Task The_clients_close_ends_the_receive()
    {
        var (client, server) = await PairAsync();
        using (client)
        await using (server)
        {
            var receiving = server.ReceiveAsync((_, _) => Task.CompletedTask, CancellationToken.None);

            await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

            Assert.That(await receiving.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(ReceiveOutcome.PeerClosed));
        }
    }

    /// <summary>A client WebSocket and the server's transport, over a loopback TCP connection.</summary>
    private static async Task<(WebSocket Client, RuntimeWebSocketTransport Server)> PairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptTcpClientAsync();
        var near = new TcpClient();
        await near.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var far = await accepting;
        var client = WebSocket.CreateFromStream(near.GetStream(), new WebSocketCreationOptions { IsServer = false });
        var server = new RuntimeWebSocketTransport(WebSocket.CreateFromStream(far.GetStream(), new WebSocketCreationOptions { IsServer = true }));
        return (client, server);
    }
}
