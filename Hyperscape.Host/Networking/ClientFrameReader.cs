using System.Buffers;
using System.Buffers.Binary;

namespace Hyperscape.Host.Networking;

/// <summary>
/// Reads the frames a client sends (RFC 6455) out of the bytes as they arrive, in any pieces, and
/// assembles whole messages of at most a given size: it unmasks, joins fragments, answers nothing
/// itself and allocates nothing after construction. Every rule a client must keep is checked: frames
/// masked, no reserved bits (no extension is ever negotiated), known opcodes, control frames whole
/// and at most 125 bytes, continuations only inside a fragmented message.
/// </summary>
/// <remarks>
/// The server reads the connection with one long-lived loop over this reader instead of the
/// runtime's <see cref="System.Net.WebSockets.WebSocket"/> over Kestrel's upgrade stream: that path
/// runs seven pooled async state machines per receive, and each one reused dirties a card in the
/// oldest generation, which every young collection then scans (about 2 ms a collection at 2,000
/// clients; see the README's GC section).
/// </remarks>
internal sealed class ClientFrameReader
{
    private const int ContinuationOpcode = WebSocketFrameHeader.ContinuationOpcode;
    private const int TextOpcode = WebSocketFrameHeader.TextOpcode;
    private const int BinaryOpcode = WebSocketFrameHeader.BinaryOpcode;
    private const int CloseOpcode = WebSocketFrameHeader.CloseOpcode;
    private const int PingOpcode = WebSocketFrameHeader.PingOpcode;
    private const int PongOpcode = WebSocketFrameHeader.PongOpcode;
    private const int MaxControlPayload = 125;

    private readonly byte[] _message;
    private readonly byte[] _control = new byte[MaxControlPayload];
    private readonly byte[] _mask = new byte[4];
    private int _messageLength;
    private int _completedLength;
    private bool _messageIsText;
    private bool _inMessage;
    private bool _inFrame;
    private int _opcode;
    private bool _final;
    private int _payloadLeft;
    private int _maskIndex;
    private int _controlLength;

    /// <summary>Creates a reader for messages of at most <paramref name="maxMessageBytes"/> bytes.</summary>
    public ClientFrameReader(int maxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        _message = new byte[maxMessageBytes];
    }

    /// <summary>The last whole message; valid until the next call to <see cref="Read"/>.</summary>
    public ReadOnlyMemory<byte> Message => _message.AsMemory(0, _completedLength);

    /// <summary>True when the last whole message was a text message.</summary>
    public bool MessageIsText { get; private set; }

    /// <summary>The payload of the last ping or close frame, unmasked; valid until the next call to <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> ControlPayload => _control.AsSpan(0, _controlLength);

    /// <summary>How the client broke the protocol, after <see cref="ClientFrame.ProtocolError"/>.</summary>
    public string Violation { get; private set; } = string.Empty;

    /// <summary>
    /// Reads from the front of <paramref name="buffer"/> until one thing is complete, moving its start
    /// past every byte taken. After <see cref="ClientFrame.TooLarge"/> or <see cref="ClientFrame.ProtocolError"/>
    /// the connection is over and the reader must not be used again.
    /// </summary>
    public ClientFrame Read(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            if (!_inFrame)
            {
                var header = ReadHeader(ref buffer);
                if (header != ClientFrame.Message)
                {
                    return header;
                }
            }

            if (_opcode >= CloseOpcode)
            {
                // Control frames are small: wait for the whole payload, then hand it over at once.
                if (buffer.Length < _payloadLeft)
                {
                    return ClientFrame.NeedMoreData;
                }

                _controlLength = _payloadLeft;
                Unmask(buffer.Slice(0, _payloadLeft), _control);
                buffer = buffer.Slice(_payloadLeft);
                _inFrame = false;
                return _opcode switch
                {
                    PingOpcode => ClientFrame.Ping,
                    PongOpcode => ClientFrame.Pong,
                    _ when _controlLength == 1 => Fail("A close frame's payload is empty or at least two bytes."),
                    _ => ClientFrame.Close,
                };
            }

            var take = (int)Math.Min(buffer.Length, _payloadLeft);
            Unmask(buffer.Slice(0, take), _message.AsSpan(_messageLength));
            buffer = buffer.Slice(take);
            _messageLength += take;
            _payloadLeft -= take;
            if (_payloadLeft > 0)
            {
                return ClientFrame.NeedMoreData;
            }

            _inFrame = false;
            if (_final)
            {
                _inMessage = false;
                _completedLength = _messageLength;
                MessageIsText = _messageIsText;
                return ClientFrame.Message;
            }
        }
    }

    /// <summary>Reads and checks one frame header; <see cref="ClientFrame.Message"/> means it was read and the payload follows.</summary>
    private ClientFrame ReadHeader(ref ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[14];
        var available = (int)Math.Min(buffer.Length, header.Length);
        if (available < 2)
        {
            return ClientFrame.NeedMoreData;
        }

        buffer.Slice(0, available).CopyTo(header);
        var first = header[0];
        var second = header[1];

        // Checked on the first two bytes: an unmasked header is shorter than a masked one, and
        // waiting for the bytes a mask would take could wait forever.
        if ((first & 0x70) != 0)
        {
            return Fail("Reserved bits are set, and no extension was agreed.");
        }

        if ((second & 0x80) == 0)
        {
            return Fail("A client's frames must be masked.");
        }

        var length7 = second & 0x7F;
        var headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4;
        if (available < headerLength)
        {
            return ClientFrame.NeedMoreData;
        }

        ulong payloadLength = length7 switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            127 => BinaryPrimitives.ReadUInt64BigEndian(header[2..]),
            _ => (ulong)length7,
        };
        if (payloadLength > long.MaxValue)
        {
            return Fail("The payload length's top bit is set.");
        }

        var opcode = first & 0x0F;
        var final = (first & 0x80) != 0;
        if (opcode >= CloseOpcode)
        {
            if (opcode > PongOpcode)
            {
                return Fail($"Opcode {opcode} is reserved.");
            }

            if (!final)
            {
                return Fail("A control frame cannot be fragmented.");
            }

            if (payloadLength > MaxControlPayload)
            {
                return Fail("A control frame's payload is at most 125 bytes.");
            }
        }
        else if (opcode == ContinuationOpcode)
        {
            if (!_inMessage)
            {
                return Fail("A continuation frame arrived outside a fragmented message.");
            }
        }
        else if (opcode is TextOpcode or BinaryOpcode)
        {
            if (_inMessage)
            {
                return Fail("A new message began before the fragmented one was finished.");
            }

            _inMessage = true;
            _messageIsText = opcode == TextOpcode;
            _messageLength = 0;
        }
        else
        {
            return Fail($"Opcode {opcode} is reserved.");
        }

        if (opcode < CloseOpcode && payloadLength > (ulong)(_message.Length - _messageLength))
        {
            return ClientFrame.TooLarge;
        }

        header.Slice(headerLength - 4, 4).CopyTo(_mask);
        buffer = buffer.Slice(headerLength);
        _opcode = opcode;
        _final = final;
        _payloadLeft = (int)payloadLength;
        _maskIndex = 0;
        _inFrame = true;
        return ClientFrame.Message;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>, unmasked, carrying the mask's position across calls.</summary>
    private void Unmask(ReadOnlySequence<byte> source, Span<byte> destination)
    {
        var written = 0;
        foreach (var segment in source)
        {
            var span = segment.Span;
            for (var i = 0; i < span.Length; i++)
            {
                destination[written++] = (byte)(span[i] ^ _mask[_maskIndex]);
                _maskIndex = (_maskIndex + 1) & 3;
            }
        }
    }

    private ClientFrame Fail(string violation)
    {
        Violation = violation;
        return ClientFrame.ProtocolError;
    }
}
