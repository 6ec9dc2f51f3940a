using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using Hyperscape.Host.Networking;

namespace Hyperscape.Tests.Networking;

/// <summary>The server's reader of client frames, against frames the runtime's own client writes and frames built by hand.</summary>
public sealed class ClientFrameReaderTests
{
    private static readonly byte[] Mask = [0x37, 0xFA, 0x21, 0x3D];

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(4096)]
    public async Task Messages_from_a_real_client_arrive_whole_with_their_kind_whatever_the_pieces(int pieceSize)
    {
        // Frames as a browser would send them: masked, of every length encoding, one fragmented.
        var big = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();
        var wire = new MemoryStream();
        using (var client = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions { IsServer = false }))
        {
            await client.SendAsync("[9,1]"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await client.SendAsync(new byte[300], WebSocketMessageType.Binary, true, CancellationToken.None);
            await client.SendAsync(big, WebSocketMessageType.Binary, true, CancellationToken.None);
            await client.SendAsync("[5"u8.ToArray(), WebSocketMessageType.Text, false, CancellationToken.None);
            await client.SendAsync("]"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            await client.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, true, CancellationToken.None);
        }

        var reader = new ClientFrameReader(80_000);
        var received = Feed(reader, wire.ToArray(), pieceSize);

        Assert.That(received.Select(r => (r.Frame, r.Text, r.Bytes.Length)), Is.EqualTo(new[]
        {
            (ClientFrame.Message, true, 5),
            (ClientFrame.Message, false, 300),
            (ClientFrame.Message, false, 70_000),
            (ClientFrame.Message, true, 3),
            (ClientFrame.Message, false, 0),
        }));
        Assert.That(received[0].Bytes, Is.EqualTo("[9,1]"u8.ToArray()));
        Assert.That(received[2].Bytes, Is.EqualTo(big), "unmasked across every piece boundary");
        Assert.That(received[3].Bytes, Is.EqualTo("[5]"u8.ToArray()));
    }

    [Test]
    public void A_ping_between_the_fragments_of_a_message_is_handed_over_and_the_message_still_arrives_whole()
    {
        var wire = Concat(
            Frame(0x01, "[1,"u8.ToArray()),
            Frame(0x89, "ping!"u8.ToArray()),
            Frame(0x80, "2]"u8.ToArray()));

        var received = Feed(new ClientFrameReader(1024), wire, 2);

        Assert.That(received.Select(r => r.Frame), Is.EqualTo(new[] { ClientFrame.Ping, ClientFrame.Message }));
        Assert.That(received[0].Bytes, Is.EqualTo("ping!"u8.ToArray()));
        Assert.That(received[1].Bytes, Is.EqualTo("[1,2]"u8.ToArray()));
        Assert.That(received[1].Text, Is.True);
    }

    [Test]
    public void Pongs_and_the_close_frame_are_told_apart_and_the_close_keeps_its_status()
    {
        var close = new byte[2 + 3];
        BinaryPrimitives.WriteUInt16BigEndian(close, 1001);
        "bye"u8.CopyTo(close.AsSpan(2));

        var received = Feed(new ClientFrameReader(1024), Concat(Frame(0x8A, []), Frame(0x88, close)), 64);

        Assert.That(received.Select(r => r.Frame), Is.EqualTo(new[] { ClientFrame.Pong, ClientFrame.Close }));
        Assert.That(received[1].Bytes, Is.EqualTo(close));
    }

    [Test]
    public void A_message_of_exactly_the_limit_arrives_and_one_byte_more_is_too_large()
    {
        Assert.That(Feed(new ClientFrameReader(1024), Frame(0x82, new byte[1024]), 100).Single().Bytes, Has.Length.EqualTo(1024));
        Assert.That(Feed(new ClientFrameReader(1024), Frame(0x82, new byte[1025]), 100).Single().Frame, Is.EqualTo(ClientFrame.TooLarge));
    }

    [Test]
    public void Fragments_that_together_pass_the_limit_are_too_large()
    {
        var wire = Concat(Frame(0x02, new byte[600]), Frame(0x80, new byte[600]));

        Assert.That(Feed(new ClientFrameReader(1024), wire, 50).Single().Frame, Is.EqualTo(ClientFrame.TooLarge));
    }

    [TestCase(new byte[] { 0x82, 0x02, 0x01, 0x02 }, "masked", TestName = "An unmasked frame is a protocol error")]
    [TestCase(new byte[] { 0xC2, 0x80, 0, 0, 0, 0 }, "Reserved bits", TestName = "A reserved bit is a protocol error")]
    [TestCase(new byte[] { 0x83, 0x80, 0, 0, 0, 0 }, "Opcode 3", TestName = "A reserved data opcode is a protocol error")]
    [TestCase(new byte[] { 0x8B, 0x80, 0, 0, 0, 0 }, "Opcode 11", TestName = "A reserved control opcode is a protocol error")]
    [TestCase(new byte[] { 0x09, 0x80, 0, 0, 0, 0 }, "fragmented", TestName = "A fragmented ping is a protocol error")]
    [TestCase(new byte[] { 0x89, 0xFE, 0x00, 0x7E, 0, 0, 0, 0 }, "125 bytes", TestName = "A ping of 126 bytes is a protocol error")]
    [TestCase(new byte[] { 0x80, 0x80, 0, 0, 0, 0 }, "continuation", TestName = "A continuation outside a message is a protocol error")]
    [TestCase(new byte[] { 0x02, 0x80, 0, 0, 0, 0, 0x82, 0x80, 0, 0, 0, 0 }, "new message", TestName = "A new message inside a fragmented one is a protocol error")]
    [TestCase(new byte[] { 0x88, 0x81, 0, 0, 0, 0, 0x03 }, "close frame", TestName = "A close frame of one byte is a protocol error")]
    [TestCase(new byte[] { 0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "top bit", TestName = "A 64-bit length with its top bit set is a protocol error")]
    public void Broken_frames_are_protocol_errors_that_say_what_was_wrong(byte[] wire, string said)
    {
        var reader = new ClientFrameReader(1024);

        var received = Feed(reader, wire, wire.Length);

        Assert.That(received.Last().Frame, Is.EqualTo(ClientFrame.ProtocolError));
        Assert.That(reader.Violation, Does.Contain(said));
    }

    [Test]
    public void A_header_split_anywhere_waits_for_the_rest_without_taking_any_of_it()
    {
        var wire = Frame(0x82, new byte[200]);
        var reader = new ClientFrameReader(1024);
        for (var have = 0; have < 8; have++)
        {
            var buffer = new ReadOnlySequence<byte>(wire, 0, have);
            Assert.That(reader.Read(ref buffer), Is.EqualTo(ClientFrame.NeedMoreData), $"{have} bytes of an 8-byte header");
            Assert.That(buffer.Length, Is.EqualTo(have), "nothing consumed");
        }
    }

    /// <summary>A masked client frame: <paramref name="first"/> is FIN, RSV and the opcode.</summary>
    private static byte[] Frame(byte first, byte[] payload)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = first;
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (lengthBytes == 2)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        Mask.CopyTo(frame, 2 + lengthBytes);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[2 + lengthBytes + 4 + i] = (byte)(payload[i] ^ Mask[i & 3]);
        }

        return frame;
    }

    private static byte[] Concat(params byte[][] frames) => frames.SelectMany(f => f).ToArray();

    /// <summary>
    /// Hands the reader the wire as a pipe would: what was not consumed stays, and each read adds
    /// <paramref name="pieceSize"/> more bytes in a new segment. Stops at the first error or the end.
    /// </summary>
    private static List<(ClientFrame Frame, bool Text, byte[] Bytes)> Feed(ClientFrameReader reader, byte[] wire, int pieceSize)
    {
        var received = new List<(ClientFrame, bool, byte[])>();
        var pending = new List<byte[]>();
        for (var offset = 0; offset < wire.Length; offset += pieceSize)
        {
            pending.Add(wire.AsSpan(offset, Math.Min(pieceSize, wire.Length - offset)).ToArray());
            var buffer = Segments.Of(pending);
            var frame = reader.Read(ref buffer);
            while (frame != ClientFrame.NeedMoreData)
            {
                var bytes = frame == ClientFrame.Message ? reader.Message.ToArray() : reader.ControlPayload.ToArray();
                received.Add((frame, reader.MessageIsText, bytes));
                if (frame is ClientFrame.TooLarge or ClientFrame.ProtocolError)
                {
                    return received;
                }

                frame = reader.Read(ref buffer);
            }

            var rest = buffer.ToArray();
            pending.Clear();
            if (rest.Length > 0)
            {
                pending.Add(rest);
            }
        }

        return received;
    }

    /// <summary>Builds a multi-segment sequence, as a pipe hands out.</summary>
    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Of(List<byte[]> pieces)
        {
            var first = new Segments(pieces[0], 0);
            var last = first;
            foreach (var piece in pieces.Skip(1))
            {
                var next = new Segments(piece, last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
