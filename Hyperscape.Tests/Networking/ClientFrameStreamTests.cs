using System.Net.WebSockets;
using Hyperscape.Host.Networking;

namespace Hyperscape.Tests.Networking;

/// <summary>The frame relabelling under the game socket, against frames the runtime's own client writes.</summary>
public sealed class ClientFrameStreamTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4096)]
    public async Task Text_messages_arrive_as_binary_with_their_kind_queued_whatever_the_read_sizes(int readSize)
    {
        // Frames as a browser would send them: masked, of every length encoding, one fragmented.
        var wire = new MemoryStream();
        using (var client = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions { IsServer = false }))
        {
            await client.SendAsync("[9,1]"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await client.SendAsync(new byte[300], WebSocketMessageType.Binary, true, CancellationToken.None);
            await client.SendAsync(new byte[70_000], WebSocketMessageType.Text, true, CancellationToken.None);
            await client.SendAsync("[5"u8.ToArray(), WebSocketMessageType.Text, false, CancellationToken.None);
            await client.SendAsync("]"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await client.SendAsync(new byte[] { 0x91, 0x05 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        }

        var frames = new ClientFrameStream(new TrickleStream(wire.ToArray(), readSize));
        using var server = WebSocket.CreateFromStream(frames, new WebSocketCreationOptions { IsServer = true });
        var buffer = new byte[80_000];
        var received = new List<(bool Text, int Length, WebSocketMessageType Seen)>();
        for (var message = 0; message < 5; message++)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            bool? text = null;
            do
            {
                result = await server.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                text ??= frames.NextMessageIsText();
                length += result.Count;
            }
            while (!result.EndOfMessage);
            received.Add((text.Value, length, result.MessageType));
        }

        Assert.That(received, Is.EqualTo(new[]
        {
            (true, 5, WebSocketMessageType.Binary),
            (false, 300, WebSocketMessageType.Binary),
            (true, 70_000, WebSocketMessageType.Binary),
            (true, 3, WebSocketMessageType.Binary),
            (false, 2, WebSocketMessageType.Binary),
        }));
    }

    /// <summary>Hands out at most a few bytes per read, so every header is split somewhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => bytes.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var take = Math.Min(Math.Min(count, readSize), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, take);
            _position += take;
            return take;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
