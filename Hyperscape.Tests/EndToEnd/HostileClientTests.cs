using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// Hostile and broken clients against a real server, each while a well-behaved player keeps
/// playing on the same server: its moves still arrive and the ticks keep coming.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileClientTests
{
    private static int _names;
    private TestServer _server = null!;
    private TestClient _player = null!;
    private int _step;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hyperscape:Limits:AuthenticationTimeout"] = "00:00:01",
            ["Hyperscape:Limits:MalformedLimit"] = "3",

            // The good player walks near the spawn point between tests: an aggressive NPC that
            // wandered close would pull it into a fight (auto-retaliate) and off its walk.
            ["Hyperscape:World:SpawnNpcs"] = "false",
        });
        _player = await TestClient.EnterAsync(_server.Socket, Name("Good"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _player.DisposeAsync();
        await _server.DisposeAsync();
    }

    [TearDown]
    public async Task The_good_player_keeps_playing()
    {
        // Walk back and forth near the spawn point; each arrival is seen by the player itself.
        var x = 128 + (_step++ % 2 == 0 ? 3 : -3);
        await _player.ActAsync(ActionKind.Move, x: x, z: 128);
        await _player.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var me) && Math.Abs(me.X - x) < 0.5f && Math.Abs(me.Z - 128) < 0.5f, $"the good player reaching ({x}, 128)");
        Assert.That(_player.Closed, Is.False);
    }

    [Test]
    public async Task A_message_over_1024_bytes_closes_the_connection_with_1009()
    {
        await using var hostile = await TestClient.ConnectAsync(_server.Socket);
        await hostile.HelloAsync();

        await hostile.SendRawAsync(new byte[WireProtocol.MaxPacketSize + 1], WebSocketMessageType.Binary);

        Assert.That(await hostile.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
    }

    [Test]
    public async Task An_unmasked_frame_is_closed_with_1002_saying_why()
    {
        await using var hostile = await RawWebSocketClient.ConnectAsync(_server.Socket);

        await hostile.SendFrameAsync(0x82, new byte[] { 0x91, 0x01 }, masked: false);

        var close = await hostile.ReadUntilAsync(0x8);
        Assert.That(close, Is.Not.Null, "a close frame before the connection ends");
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(close!.Value.Payload), Is.EqualTo(1002));
        Assert.That(Encoding.UTF8.GetString(close.Value.Payload.AsSpan(2)), Does.Contain("masked"));
        Assert.That(await hostile.WaitForEndAsync(), Is.True, "the server ends the connection");
    }

    [TestCase((byte)0xC2, TestName = "A frame with a reserved bit set is closed with 1002")]
    [TestCase((byte)0x83, TestName = "A frame with a reserved opcode is closed with 1002")]
    [TestCase((byte)0x80, TestName = "A continuation outside a message is closed with 1002")]
    public async Task Broken_frames_are_closed_with_1002(byte first)
    {
        await using var hostile = await RawWebSocketClient.ConnectAsync(_server.Socket);

        await hostile.SendFrameAsync(first, new byte[] { 1, 2, 3 });

        var close = await hostile.ReadUntilAsync(0x8);
        Assert.That(close, Is.Not.Null);
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(close!.Value.Payload), Is.EqualTo(1002));
    }

    [Test]
    public async Task A_ping_is_answered_with_a_pong_that_carries_its_payload()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(_server.Socket);

        await client.SendFrameAsync(0x89, "are you there?"u8.ToArray());

        var pong = await client.ReadUntilAsync(0xA);
        Assert.That(pong, Is.Not.Null);
        Assert.That(pong!.Value.Payload, Is.EqualTo("are you there?"u8.ToArray()));
    }

    [Test]
    public async Task A_hello_in_two_fragments_with_a_ping_between_them_is_welcomed()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(_server.Socket);
        var hello = new ArrayBufferWriter<byte>();
        ClientMessages.Hello(hello, null);
        var bytes = hello.WrittenMemory;

        await client.SendFrameAsync(0x02, bytes[..2]);
        await client.SendFrameAsync(0x89, "mid"u8.ToArray());
        await client.SendFrameAsync(0x80, bytes[2..]);

        Assert.That((await client.ReadUntilAsync(0xA))!.Value.Payload, Is.EqualTo("mid"u8.ToArray()));
        var welcome = await client.ReadUntilAsync(0x2);
        Assert.That(welcome, Is.Not.Null, "a binary message before the connection ends");
        var reader = new MessagePack.MessagePackReader(welcome!.Value.Payload);
        reader.ReadArrayHeader();
        Assert.That(reader.ReadByte(), Is.EqualTo((byte)MessageType.Welcome));
    }

    [Test]
    public async Task A_client_close_is_answered_with_a_close_and_the_connection_ends()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(_server.Socket);
        var status = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(status, 1000);

        await client.SendFrameAsync(0x88, status);

        var close = await client.ReadUntilAsync(0x8);
        Assert.That(close, Is.Not.Null);
        Assert.That(BinaryPrimitives.ReadUInt16BigEndian(close!.Value.Payload), Is.EqualTo(1000));
        Assert.That(await client.WaitForEndAsync(), Is.True);
    }

    [Test]
    public async Task Malformed_messages_get_errors_and_repeated_ones_a_close()
    {
        await using var hostile = await TestClient.ConnectAsync(_server.Socket);
        await hostile.HelloAsync();

        await hostile.SendRawAsync(new byte[] { 0x93, 0x01 }, WebSocketMessageType.Binary);
        var error = await hostile.WaitForMessageAsync(MessageType.Error);
        Assert.That(error.Long(1), Is.EqualTo((long)ProtocolErrorCode.Truncated));
        Assert.That(hostile.Closed, Is.False, "one malformed message is answered, not punished");

        await hostile.SendRawAsync(new byte[] { 0xc1, 0xc1, 0xc1 }, WebSocketMessageType.Binary);
        await hostile.SendRawAsync("{not json"u8.ToArray(), WebSocketMessageType.Text);

        Assert.That(await hostile.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(hostile.Messages(MessageType.Error), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_text_frame_that_is_not_utf8_is_closed_with_1007_and_a_close_handshake()
    {
        await using var hostile = await TestClient.ConnectAsync(_server.Socket);
        await hostile.HelloAsync();

        await hostile.SendRawAsync(new byte[] { (byte)'[', 0xff, 0xfe, (byte)']' }, WebSocketMessageType.Text);

        Assert.That(await hostile.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.InvalidPayloadData), $"a close frame, not a reset ({hostile.Failure?.Message})");
        Assert.That(hostile.Failure, Is.Null, "the handshake completed");
        var said = hostile.Messages(MessageType.Error).Single();
        Assert.That(said.Long(1), Is.EqualTo((long)ProtocolErrorCode.InvalidJson), "the reason comes first");
        Assert.That(said.Text(2), Does.Contain("UTF-8"));
    }

    [Test]
    public async Task Acting_before_hello_is_refused_and_closed()
    {
        await using var hostile = await TestClient.ConnectAsync(_server.Socket);

        await hostile.ActAsync(ActionKind.Move, x: 130, z: 130);

        Assert.That(await hostile.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(hostile.Messages(MessageType.Error).Single().Long(1), Is.EqualTo((long)ProtocolErrorCode.NotAllowedNow));
    }

    [Test]
    public async Task A_client_that_never_authenticates_is_closed_after_the_time_limit()
    {
        await using var silent = await TestClient.ConnectAsync(_server.Socket);

        Assert.That(await silent.WaitClosedAsync(TimeSpan.FromSeconds(15)), Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(silent.CloseDescription, Does.Contain("timed out"));
    }

    [Test]
    public async Task An_unknown_protocol_version_is_refused_with_1002()
    {
        await using var future = await TestClient.ConnectAsync(_server.Socket);

        await future.SendAsync(w => ClientMessages.Hello(w, null, version: WireProtocol.Version + 1));

        Assert.That(await future.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.ProtocolError));
        Assert.That(future.Messages(MessageType.Error).Single().Long(1), Is.EqualTo((long)ProtocolErrorCode.UnsupportedVersion));
        Assert.That(future.Messages(MessageType.Welcome), Is.Empty);
    }

    [Test]
    public async Task A_flood_is_rate_limited_while_the_world_goes_on()
    {
        await using var flooder = await TestClient.EnterAsync(_server.Socket, Name("Flood"));
        var rejectedBefore = _server.Loop.Stats().Rejected;
        var tickBefore = _server.Loop.Tick;

        for (var i = 0; i < 400; i++)
        {
            await flooder.ActAsync(ActionKind.Emote, value: 1);
        }

        var notice = await flooder.WaitForMessageAsync(MessageType.Error, m => m.Long(1) == (long)ProtocolErrorCode.RateLimited);
        Assert.That(notice.Text(2), Is.Not.Empty);

        // The burst allows 60 and the refill a few more while the flood is read: most are refused.
        await flooder.WaitUntilAsync(_ => _server.Loop.Stats().Rejected - rejectedBefore >= 250, "the flood being refused");
        await _player.WaitUntilAsync(_ => _server.Loop.Tick >= tickBefore + 3, "ticks going on");
        Assert.That(flooder.Closed, Is.False, "a rate limit drops messages, it does not punish the connection");
    }

    [Test]
    public async Task A_client_that_stops_reading_is_held_to_its_budget_and_then_disconnected_with_a_log_line()
    {
        const int budget = 16 * 1024;

        // The server's own socket settings, not a test's: the stall must show within seconds.
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hyperscape:Limits:SendQueueBytes"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hyperscape:Limits:StallTimeout"] = "00:00:02",
            ["Hyperscape:FrameInterval"] = "00:00:00.005",
            ["Hyperscape:World:ScatteredNpcs"] = "200",
            ["Hyperscape:World:ScatterRadius"] = "10",
        });
        await using var good = await TestClient.EnterAsync(server.Socket, Name("Good"));
        using var stalled = await StalledClient.EnterAsync(server.Socket, Name("Stall"));
        await good.WaitUntilAsync(c => c.World!.Entities.ContainsKey(stalled.NetworkId), "the stalled player in view");

        await good.WaitUntilAsync(_ => server.Loop.Connections == 1, "the stalled client to be disconnected", TimeSpan.FromSeconds(30));

        var stats = server.Loop.Stats();
        Assert.Multiple(() =>
        {
            Assert.That(stats.Dropped, Is.GreaterThan(0), "sync packets were held back, not queued without end");
            Assert.That(stats.LargestSendQueueBytes, Is.LessThanOrEqualTo(budget), "the budget holds");
            Assert.That(good.Closed, Is.False);
            Assert.That(server.Logs.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("has not read for", StringComparison.Ordinal)), Is.True, "the close is logged");
        });
        Assert.That(await stalled.DrainUntilClosedAsync(TimeSpan.FromSeconds(20)), Is.True, "the server ended the stalled connection");

        // The good client is still served: frames keep coming and requests are answered. (Its
        // player may be busy dying to the goblins of this crowded test world, so no walking.)
        var packets = good.World!.Packets;
        await good.SendAsync(w => ClientMessages.Ping(w, 42));
        await good.WaitForMessageAsync(MessageType.Pong);
        await good.WaitUntilAsync(c => c.World!.Packets >= packets + 20, "more sync frames");
    }

    private static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";
}
