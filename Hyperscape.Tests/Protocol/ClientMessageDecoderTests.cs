using System.Buffers;
using System.Diagnostics;
using System.Text;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Tests.Protocol;

public class ClientMessageDecoderTests
{
    private static readonly PlayerAction SampleAction = new(0, ActionKind.Move, 12_345_678_901, 3, 7, 130.5f, -4.25f, 1);

    /// <summary>One valid message of every client type.</summary>
    private static IEnumerable<(string Name, byte[] Bytes, ClientMessage Expected)> ValidMessages()
    {
        yield return ("hello", Encode(w => ClientMessages.Hello(w, "token.jwt.value", "resume-123")), new ClientMessage(MessageType.Hello, Number: 1, Text: "token.jwt.value", Name: "resume-123"));
        yield return ("hello anonymous", Encode(w => ClientMessages.Hello(w, null)), new ClientMessage(MessageType.Hello, Number: 1));
        yield return ("action", Encode(w => ClientMessages.Action(w, SampleAction)), new ClientMessage(MessageType.Action, SampleAction));
        yield return ("chat public", Encode(w => ClientMessages.Chat(w, ChatChannel.Public, null, "hi all")), new ClientMessage(MessageType.Chat, Number: 0, Text: "hi all"));
        yield return ("chat private", Encode(w => ClientMessages.Chat(w, ChatChannel.Private, "Bob", "psst")), new ClientMessage(MessageType.Chat, Number: 1, Text: "psst", Name: "Bob"));
        yield return ("social", Encode(w => ClientMessages.Social(w, SocialOperation.AddIgnore, "Spammer")), new ClientMessage(MessageType.Social, Number: 3, Name: "Spammer"));
        yield return ("list", Encode(ClientMessages.ListCharacters), new ClientMessage(MessageType.ListCharacters));
        yield return ("create", Encode(w => ClientMessages.CreateCharacter(w, "Zezima")), new ClientMessage(MessageType.CreateCharacter, Text: "Zezima"));
        yield return ("select", Encode(w => ClientMessages.SelectCharacter(w, 42)), new ClientMessage(MessageType.SelectCharacter, Id: 42));
        yield return ("voice", Encode(ClientMessages.RequestVoiceToken), new ClientMessage(MessageType.RequestVoiceToken));
        yield return ("ping", Encode(w => ClientMessages.Ping(w, 1_700_000_000_000)), new ClientMessage(MessageType.Ping, Id: 1_700_000_000_000));
        yield return ("voice mode", Encode(w => ClientMessages.SetVoiceMode(w, pushToTalk: true)), new ClientMessage(MessageType.SetVoiceMode, Number: 1));
    }

    [Test]
    public void Every_client_message_round_trips_in_both_encodings()
    {
        foreach (var (name, bytes, expected) in ValidMessages())
        {
            Assert.That(ClientMessageDecoder.TryDecode(bytes, out var decoded, out var error), Is.True, $"{name}: {error}");
            Assert.That(decoded, Is.EqualTo(expected), name);

            var json = JsonTranscoder.ToJson(bytes);
            Assert.That(ClientMessageDecoder.TryDecodeJson(Encoding.UTF8.GetBytes(json), out var fromJson, out error), Is.True, $"{name} as JSON {json}: {error}");
            Assert.That(fromJson, Is.EqualTo(expected), $"{name} as JSON {json}");
        }
    }

    [Test]
    public void A_hand_written_json_action_decodes()
    {
        var json = "[2, 1, 0, 0, 0, 130.5, 4, 0]"u8;

        Assert.That(ClientMessageDecoder.TryDecodeJson(json, out var message, out _), Is.True);
        Assert.That(message.Action, Is.EqualTo(new PlayerAction(0, ActionKind.Move, X: 130.5f, Z: 4)));
    }

    [Test]
    public void Every_truncation_of_every_message_is_an_error()
    {
        foreach (var (name, bytes, _) in ValidMessages())
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                var ok = ClientMessageDecoder.TryDecode(bytes.AsMemory(0, length), out _, out var error);
                Assert.That(ok, Is.False, $"{name} cut to {length} bytes decoded");
                Assert.That(error.Code, Is.AnyOf(ProtocolErrorCode.Truncated, ProtocolErrorCode.WrongShape, ProtocolErrorCode.WrongType), $"{name} cut to {length}");
            }
        }
    }

    [Test]
    public void Oversized_messages_are_refused_before_parsing()
    {
        var big = new byte[WireProtocol.MaxPacketSize + 1];
        big[0] = 0x91;

        Assert.That(ClientMessageDecoder.TryDecode(big, out _, out var error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.TooLarge));
        Assert.That(ClientMessageDecoder.TryDecodeJson(new byte[WireProtocol.MaxPacketSize + 1], out _, out error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.TooLarge));
    }

    [TestCase(new byte[] { 0x81, 0x01, 0x02 }, ProtocolErrorCode.NotAnArray, TestName = "a map at the root")]
    [TestCase(new byte[] { 0x05 }, ProtocolErrorCode.NotAnArray, TestName = "a bare integer")]
    [TestCase(new byte[] { 0x90 }, ProtocolErrorCode.WrongShape, TestName = "an empty array")]
    [TestCase(new byte[] { 0x91, 0x63 }, ProtocolErrorCode.UnknownType, TestName = "type 99")]
    [TestCase(new byte[] { 0x91, 0x40 }, ProtocolErrorCode.UnknownType, TestName = "a server-only type")]
    [TestCase(new byte[] { 0x91, 0xa1, 0x61 }, ProtocolErrorCode.WrongType, TestName = "a string type")]
    [TestCase(new byte[] { 0x91, 0xcd, 0x01, 0x00 }, ProtocolErrorCode.OutOfRange, TestName = "type 256")]
    [TestCase(new byte[] { 0x91, 0x05, 0x00 }, ProtocolErrorCode.TrailingBytes, TestName = "trailing bytes")]
    [TestCase(new byte[] { 0x92, 0x05, 0x00 }, ProtocolErrorCode.WrongShape, TestName = "extra element")]
    [TestCase(new byte[] { 0x92, 0x07, 0xa2, 0x34, 0x32 }, ProtocolErrorCode.WrongType, TestName = "character id as a string")]
    [TestCase(new byte[] { 0x92, 0x07, 0xc0 }, ProtocolErrorCode.WrongType, TestName = "character id nil")]
    [TestCase(new byte[] { 0x92, 0x0a, 0x02 }, ProtocolErrorCode.OutOfRange, TestName = "voice mode 2")]
    [TestCase(new byte[] { 0xdd, 0x7f, 0xff, 0xff, 0xff, 0x05 }, ProtocolErrorCode.Truncated, TestName = "an array header claiming 2 billion elements")]
    [TestCase(new byte[] { 0x92, 0x06, 0xdb, 0x7f, 0xff, 0xff, 0xff, 0x61 }, ProtocolErrorCode.Truncated, TestName = "a string header claiming 2 GB")]
    [TestCase(new byte[] { 0x92, 0x07, 0x91, 0x91, 0x91, 0x91, 0x01 }, ProtocolErrorCode.WrongType, TestName = "nested arrays where a number goes")]
    [TestCase(new byte[] { 0xc1 }, ProtocolErrorCode.NotAnArray, TestName = "a reserved byte")]
    public void Malformed_messages_are_errors_with_a_reason(byte[] bytes, ProtocolErrorCode code)
    {
        Assert.That(ClientMessageDecoder.TryDecode(bytes, out _, out var error), Is.False);
        Assert.That(error.Code, Is.EqualTo(code), error.Message);
        Assert.That(error.Message, Is.Not.Empty);
    }

    [Test]
    public void Deep_nesting_is_refused_without_recursion()
    {
        var deep = new byte[WireProtocol.MaxPacketSize];
        deep.AsSpan().Fill(0x91);

        Assert.That(ClientMessageDecoder.TryDecode(deep, out _, out var error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.WrongType));

        var json = Encoding.UTF8.GetBytes(new string('[', 500) + new string(']', 500));
        Assert.That(ClientMessageDecoder.TryDecodeJson(json, out _, out error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.InvalidJson));
    }

    [TestCase("[1,", TestName = "truncated JSON")]
    [TestCase("[2, 1, 0, 0, 0, 1.5, 4, 0,]", TestName = "a trailing comma")]
    [TestCase("{\"type\": 2}", TestName = "an object")]
    [TestCase("[9, 1] [9, 2]", TestName = "two values")]
    [TestCase("", TestName = "nothing")]
    [TestCase("[9, NaN]", TestName = "NaN")]
    [TestCase("not json", TestName = "garbage")]
    public void Malformed_json_is_an_error(string json)
    {
        Assert.That(ClientMessageDecoder.TryDecodeJson(Encoding.UTF8.GetBytes(json), out _, out var error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.InvalidJson));
    }

    [Test]
    public void Texts_over_their_limits_are_refused()
    {
        var chat = Encode(w => ClientMessages.Chat(w, ChatChannel.Public, null, new string('a', WireProtocol.MaxChatLength + 1)));
        var name = Encode(w => ClientMessages.CreateCharacter(w, "ThirteenChars"));

        Assert.That(ClientMessageDecoder.TryDecode(chat, out _, out var error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.TextTooLong));
        Assert.That(ClientMessageDecoder.TryDecode(name, out _, out error), Is.False);
        Assert.That(error.Code, Is.EqualTo(ProtocolErrorCode.TextTooLong));
    }

    [Test]
    public void Random_mutations_never_throw_and_never_hang()
    {
        var random = new Random(2024);
        var samples = ValidMessages().Select(m => m.Bytes).ToArray();
        var watch = Stopwatch.StartNew();
        var decoded = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var source = samples[random.Next(samples.Length)];
            var bytes = random.Next(4) == 0 ? RandomBytes(random) : Mutate(random, source);
            if (ClientMessageDecoder.TryDecode(bytes, out _, out var error))
            {
                decoded++;
            }
            else
            {
                Assert.That(error.Message, Is.Not.Null);
            }

            ClientMessageDecoder.TryDecodeJson(bytes, out _, out _);
        }

        Assert.That(decoded, Is.GreaterThan(0), "some mutations are still valid messages");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "linear work: 100,000 decodes are nowhere near a minute");
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(3))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                default:
                    bytes = [.. bytes, (byte)random.Next(256)];
                    break;
            }

            if (bytes.Length == 0)
            {
                break;
            }
        }

        return bytes;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Encode(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
