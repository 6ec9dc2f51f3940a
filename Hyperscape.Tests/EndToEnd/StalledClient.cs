using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Hyperscape.Ecs.Protocol;
using MessagePack;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// A client that enters the world and then never reads again, over a TCP socket with a tiny
/// receive window so the server's writes back up quickly. The WebSocket handshake is done by
/// hand because <see cref="ClientWebSocket"/> cannot size its socket's buffers.
/// </summary>
internal sealed class StalledClient : IDisposable
{
    private readonly Socket _tcp;
    private readonly WebSocket _socket;

    private StalledClient(Socket tcp, WebSocket socket)
    {
        _tcp = tcp;
        _socket = socket;
    }

    public long NetworkId { get; private set; }

    public static async Task<StalledClient> EnterAsync(Uri server, string name)
    {
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 2048, NoDelay = true };
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = new NetworkStream(tcp, ownsSocket: false);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET {server.AbsolutePath} HTTP/1.1\r\nHost: {server.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = await ReadHeadersAsync(stream);
        if (!response.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The upgrade was refused: {response}");
        }

        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var client = new StalledClient(tcp, socket);
        await client.SendAsync(w => ClientMessages.Hello(w, null));
        await client.ReadUntilAsync(MessageType.Welcome);
        await client.SendAsync(w => ClientMessages.CreateCharacter(w, name));
        var list = await client.ReadUntilAsync(MessageType.CharacterList);
        var entry = ((object?[])list[1]!).Select(e => (object?[])e!).Single(e => (string?)e[1] == name);
        await client.SendAsync(w => ClientMessages.SelectCharacter(w, Convert.ToInt64(entry[0], System.Globalization.CultureInfo.InvariantCulture)));
        var entered = await client.ReadUntilAsync(MessageType.EnteredWorld);
        client.NetworkId = Convert.ToInt64(entered[1], System.Globalization.CultureInfo.InvariantCulture);
        return client;
    }

    /// <summary>
    /// Reads (finally) until the connection ends; true if the server ended it, false if it was
    /// still open when <paramref name="timeout"/> ran out.
    /// </summary>
    public async Task<bool> DrainUntilClosedAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
        _tcp.Dispose();
    }

    private async Task SendAsync(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Binary, true, CancellationToken.None);
    }

    private async Task<object?[]> ReadUntilAsync(MessageType wanted)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), deadline.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            var elements = MessagePackSerializer.Deserialize<object?[]>(buffer.AsMemory(0, length));
            var type = (MessageType)Convert.ToInt32(elements[0], System.Globalization.CultureInfo.InvariantCulture);
            if (type == MessageType.Error)
            {
                throw new InvalidOperationException($"The server refused: {elements[2]}");
            }

            if (type == wanted)
            {
                return elements;
            }
        }
    }

    private static async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (received.Count < 8192)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }

            received.Add(one[0]);
            if (received.Count >= 4 && received[^4] == '\r' && received[^3] == '\n' && received[^2] == '\r' && received[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
