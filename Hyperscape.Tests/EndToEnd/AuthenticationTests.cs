using System.Net.WebSockets;
using System.Text;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Tests.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>A server with Privy and LiveKit configured, as in production.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AuthenticationTests
{
    private const string LiveKitSecret = "livekit-secret-for-the-e2e-tests-0123";
    private static int _names;
    private readonly PrivyTokenFactory _tokens = new();
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Hyperscape:Privy:AppId"] = PrivyTokenFactory.AppId,
        ["Hyperscape:Privy:VerificationKey"] = _tokens.PublicKeyPem,
        ["Hyperscape:LiveKit:ApiKey"] = "e2e-key",
        ["Hyperscape:LiveKit:ApiSecret"] = LiveKitSecret,
        ["Hyperscape:LiveKit:Url"] = "wss://voice.example",
        ["Hyperscape:LiveKit:Room"] = "e2e-room",
    });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        _tokens.Dispose();
    }

    [Test]
    public async Task A_valid_token_logs_in_and_the_same_user_finds_their_characters_again()
    {
        var user = $"did:privy:{Guid.NewGuid():N}";
        var name = Name("Pri");
        await using (var first = await TestClient.ConnectAsync(_server.Socket))
        {
            await first.HelloAsync(token: "Bearer " + _tokens.Create(subject: user));
            await first.CreateAndSelectAsync(name);
        }

        await using var again = await TestClient.ConnectAsync(_server.Socket);
        await again.HelloAsync(token: _tokens.Create(subject: user));
        await again.SendAsync(ClientMessages.ListCharacters);
        var list = await again.WaitForMessageAsync(MessageType.CharacterList);
        Assert.That(list.Array(1).Select(e => (string?)((object?[])e!)[1]), Does.Contain(name));
    }

    [TestCase("none")]
    [TestCase("expired")]
    [TestCase("other-app")]
    public async Task A_bad_token_is_refused_and_the_connection_closed(string what)
    {
        var token = what switch
        {
            "none" => null,
            "expired" => _tokens.Create(expiresIn: TimeSpan.FromMinutes(-1)),
            _ => _tokens.Create(audience: "other-app"),
        };
        await using var client = await TestClient.ConnectAsync(_server.Socket);

        await client.SendAsync(w => ClientMessages.Hello(w, token));

        Assert.That(await client.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        var error = client.Messages(MessageType.Error).Single();
        Assert.That(error.Long(1), Is.EqualTo((long)ProtocolErrorCode.Unauthorized));
        Assert.That(error.Text(2), Is.Not.Empty);
        Assert.That(client.Messages(MessageType.Welcome), Is.Empty);
    }

    [Test]
    public async Task A_second_login_takes_over_the_character_and_closes_the_first_connection_with_4000()
    {
        var user = $"did:privy:{Guid.NewGuid():N}";
        await using var first = await TestClient.ConnectAsync(_server.Socket);
        await first.HelloAsync(token: _tokens.Create(subject: user));
        await first.CreateAndSelectAsync(Name("Twin"));
        var online = _server.Loop.Online;

        await using var second = await TestClient.ConnectAsync(_server.Socket);
        await second.HelloAsync(token: _tokens.Create(subject: user));
        await second.SelectAsync(first.CharacterId);

        Assert.That(await first.WaitClosedAsync(), Is.EqualTo((WebSocketCloseStatus)4000));
        Assert.That(second.NetworkId, Is.EqualTo(first.NetworkId), "the same entity continues; it is never in the world twice");
        Assert.That(_server.Loop.Online, Is.EqualTo(online));
        await second.WaitUntilAsync(c => c.World!.Entities.ContainsKey(c.NetworkId), "its own player in view");
    }

    [Test]
    public async Task Another_users_character_cannot_be_selected()
    {
        await using var owner = await TestClient.ConnectAsync(_server.Socket);
        await owner.HelloAsync(token: _tokens.Create(subject: $"did:privy:{Guid.NewGuid():N}"));
        await owner.CreateAndSelectAsync(Name("Mine"));

        await using var thief = await TestClient.ConnectAsync(_server.Socket);
        await thief.HelloAsync(token: _tokens.Create(subject: $"did:privy:{Guid.NewGuid():N}"));
        await thief.SendAsync(w => ClientMessages.SelectCharacter(w, owner.CharacterId));

        var refused = await thief.WaitForMessageAsync(MessageType.Error);
        Assert.That(refused.Long(1), Is.EqualTo((long)ProtocolErrorCode.Unauthorized));
        Assert.That(thief.Messages(MessageType.EnteredWorld), Is.Empty);
        Assert.That(owner.Closed, Is.False);
    }

    [Test]
    public async Task A_player_gets_a_livekit_token_for_the_worlds_room()
    {
        await using var client = await TestClient.ConnectAsync(_server.Socket);
        await client.HelloAsync(token: _tokens.Create(subject: $"did:privy:{Guid.NewGuid():N}"));
        var name = Name("Voice");
        await client.CreateAndSelectAsync(name);

        await client.SendAsync(ClientMessages.RequestVoiceToken);

        var answer = await client.WaitForMessageAsync(MessageType.VoiceToken);
        Assert.That(answer.Flag(1), Is.True);
        Assert.That(answer.Text(2), Is.EqualTo("wss://voice.example"));
        Assert.That(answer.Text(4), Is.EqualTo("e2e-room"));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(answer.Text(3), new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(LiveKitSecret)),
            ValidIssuer = "e2e-key",
            ValidateAudience = false,
        });
        Assert.That(validated.IsValid, Is.True, validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        Assert.That(jwt.Subject, Is.EqualTo(client.NetworkId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(jwt.GetPayloadValue<string>("name"), Is.EqualTo(name));
    }

    private static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";
}
