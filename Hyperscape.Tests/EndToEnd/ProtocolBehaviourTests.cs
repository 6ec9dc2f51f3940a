using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Protocol;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>The server answers as docs/PROTOCOL.md says, in the corners a client written from it alone found.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ProtocolBehaviourTests
{
    private static int _names;
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hyperscape:Limits:MalformedLimit"] = "3" });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task An_action_kind_the_server_does_not_know_is_rejected_as_unknown_not_rate_limited()
    {
        await using var player = await TestClient.EnterAsync(_server.Socket, Name("Newer"));
        await player.WaitUntilAsync(c => c.World!.Entities.ContainsKey(c.NetworkId), "in the world");

        await player.ActAsync((ActionKind)40);

        var rejected = await player.WaitForAsync(c => c.World!.Events.FirstOrDefault(e => e.Kind == GameEventKind.ActionRejected) is { Kind: GameEventKind.ActionRejected } e ? (GameEvent?)e : null, "the rejection");
        Assert.That((rejected!.Value.A, rejected.Value.Reason), Is.EqualTo((40, RejectionReason.UnknownAction)));
        Assert.That(player.Messages(MessageType.Error), Is.Empty, "no rate-limit error");
    }

    [Test]
    public async Task An_unknown_resume_token_is_answered_with_an_error_before_a_fresh_welcome()
    {
        await using var client = await TestClient.ConnectAsync(_server.Socket);
        await client.SendAsync(w => ClientMessages.Hello(w, null, "0123456789abcdef0123456789abcdef"));
        await client.WaitForMessageAsync(MessageType.Welcome);

        var error = client.Messages(MessageType.Error).Single();
        Assert.That(error.Long(1), Is.EqualTo((long)ProtocolErrorCode.ResumeExpired));
        Assert.That(client.Messages(MessageType.Welcome).Single().Text(2), Is.Empty, "an anonymous session has no account until its first character");
    }

    [Test]
    public async Task Only_garbage_counts_toward_closing_a_connection_not_refused_values()
    {
        await using var client = await TestClient.EnterAsync(_server.Socket, Name("Loud"));
        for (var i = 0; i < 6; i++)
        {
            // Well-formed, but the chat channel is out of range: refused each time, never punished.
            await client.SendRawAsync(new byte[] { 0x94, 0x03, 0x07, 0xc0, 0xa2, 0x68, 0x69 }, System.Net.WebSockets.WebSocketMessageType.Binary);
        }

        await client.WaitUntilAsync(c => c.Messages(MessageType.Error).Count == 6, "six refusals");
        Assert.That(client.Messages(MessageType.Error).Select(m => m.Long(1)), Is.All.EqualTo((long)ProtocolErrorCode.OutOfRange));
        Assert.That(client.Closed, Is.False);

        for (var i = 0; i < 3; i++)
        {
            await client.SendRawAsync(new byte[] { 0xc1 }, System.Net.WebSockets.WebSocketMessageType.Binary);
        }

        Assert.That(await client.WaitClosedAsync(), Is.EqualTo(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation), "three undecodable messages within the window close it");
    }

    [Test]
    public async Task A_new_friendship_shows_each_side_the_other_online()
    {
        var annName = Name("Ann");
        var bobName = Name("Bob");
        await using var ann = await TestClient.EnterAsync(_server.Socket, annName);
        await using var bob = await TestClient.EnterAsync(_server.Socket, bobName);

        await ann.SendAsync(w => ClientMessages.Social(w, SocialOperation.AddFriend, bobName));
        var request = await ann.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.AddFriend);
        Assert.That(request.Flag(3), Is.False, "a pending request does not reveal whether Bob is online");
        await bob.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.FriendRequest && m.Text(2) == annName);

        await bob.SendAsync(w => ClientMessages.Social(w, SocialOperation.AddFriend, annName));
        var accepted = await bob.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.AddFriend);
        Assert.That(accepted.Flag(3), Is.True, "now friends: Ann is online");
        var status = await ann.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.FriendStatus);
        Assert.That((status.Text(2), status.Flag(3)), Is.EqualTo((bobName, true)));
    }

    [Test]
    public async Task A_chat_of_150_emoji_is_within_the_limit()
    {
        await using var talker = await TestClient.EnterAsync(_server.Socket, Name("Emo"));
        var text = string.Concat(Enumerable.Repeat("\U0001F600", 150));
        await talker.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Public, null, text));
        var echoed = await talker.WaitForMessageAsync(MessageType.ChatMessage);
        Assert.That(echoed.Text(4), Is.EqualTo(text));
    }

    private static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";
}
