using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// A WebSocket client on a bare TCP socket that writes exactly the frames a test gives it (masked
/// or not, fragmented, broken) and reads the server's frames one by one: the hostile client the
/// runtime's own WebSocket will not be.
/// </summary>
internal sealed class RawWebSocketClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly byte[] Mask = [0x11, 0x9C, 0x4E, 0xD2];

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawWebSocketClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Connects and completes the opening handshake.</summary>
    public static async Task<RawWebSocketClient> ConnectAsync(Uri socket)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(socket.Host, socket.Port);
        var client = new RawWebSocketClient(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {socket.PathAndQuery} HTTP/1.1\r\nHost: {socket.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await client._stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = await client.ReadHeadersAsync();
        Assert.That(response, Does.StartWith("HTTP/1.1 101"), response);
        return client;
    }

    /// <summary>Sends one frame: <paramref name="first"/> is FIN, RSV and the opcode.</summary>
    public async Task SendFrameAsync(byte first, ReadOnlyMemory<byte> payload, bool masked = true)
    {
        var frame = new List<byte> { first };
        var maskBit = masked ? (byte)0x80 : (byte)0;
        if (payload.Length < 126)
        {
            frame.Add((byte)(maskBit | payload.Length));
        }
        else
        {
            frame.Add((byte)(maskBit | 126));
            frame.Add((byte)(payload.Length >> 8));
            frame.Add((byte)payload.Length);
        }

        if (masked)
        {
            frame.AddRange(Mask);
        }

        var bytes = payload.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            frame.Add(masked ? (byte)(bytes[i] ^ Mask[i & 3]) : bytes[i]);
        }

        await _stream.WriteAsync(frame.ToArray());
    }

    /// <summary>Reads the server's next frame; null when the server closed the TCP connection.</summary>
    public async Task<(int Opcode, bool Final, byte[] Payload)?> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var header = new byte[2];
        if (!await ReadExactlyOrEndAsync(header, timeout.Token))
        {
            return null;
        }

        Assert.That(header[1] & 0x80, Is.Zero, "a server's frames are never masked");
        long length = header[1] & 0x7F;
        if (length >= 126)
        {
            var extended = new byte[length == 126 ? 2 : 8];
            await _stream.ReadExactlyAsync(extended, timeout.Token);
            length = extended.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, timeout.Token);
        return (header[0] & 0x0F, (header[0] & 0x80) != 0, payload);
    }

    /// <summary>Reads frames until one with <paramref name="opcode"/> (or the end of the connection).</summary>
    public async Task<(int Opcode, bool Final, byte[] Payload)?> ReadUntilAsync(int opcode)
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (frame is null || frame.Value.Opcode == opcode)
            {
                return frame;
            }
        }
    }

    /// <summary>True when the server closes the TCP connection within the wait, reading and dropping whatever comes first.</summary>
    public async Task<bool> WaitForEndAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var sink = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(sink, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] into, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(into, cancellationToken);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<string> ReadHeadersAsync()
    {
        var text = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(Wait);
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await _stream.ReadExactlyAsync(one, timeout.Token);
            text.Append((char)one[0]);
        }

        return text.ToString();
    }
}
