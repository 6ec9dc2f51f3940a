using System.Text;
using System.Text.Json;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Voice;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hyperscape.Tests.Voice;

public sealed class LiveKitTokenIssuerTests
{
    private const string Secret = "a-livekit-api-secret-of-32-bytes!";

    [Test]
    public async Task A_token_grants_this_worlds_room_to_the_player()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var issuer = new LiveKitTokenIssuer(Options.Create(new ServerOptions
        {
            LiveKit = new LiveKitOptions { ApiKey = "APIkey1", ApiSecret = Secret, Url = "wss://voice.example", Room = "world-1", TokenLifetime = TimeSpan.FromHours(2) },
        }), new FakeTimeProvider(now));

        var token = issuer.Issue(1234, "Ann");

        // Verify as LiveKit would: HS256 with the secret, issuer the key. Lifetime is checked by hand
        // because the fake clock is not the validator's clock.
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = "APIkey1",
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        using var video = JsonDocument.Parse(jwt.GetPayloadValue<JsonElement>("video").GetRawText());
        Assert.Multiple(() =>
        {
            Assert.That(jwt.Alg, Is.EqualTo("HS256"));
            Assert.That(jwt.Subject, Is.EqualTo("1234"));
            Assert.That(jwt.GetPayloadValue<string>("name"), Is.EqualTo("Ann"));
            Assert.That(jwt.ValidFrom, Is.EqualTo(now.UtcDateTime));
            Assert.That(jwt.ValidTo, Is.EqualTo(now.AddHours(2).UtcDateTime));
            Assert.That(video.RootElement.GetProperty("room").GetString(), Is.EqualTo("world-1"));
            Assert.That(video.RootElement.GetProperty("roomJoin").GetBoolean(), Is.True);
            Assert.That(video.RootElement.GetProperty("canPublish").GetBoolean(), Is.True);
            Assert.That(video.RootElement.GetProperty("canSubscribe").GetBoolean(), Is.True);
            Assert.That(video.RootElement.GetProperty("canPublishData").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void Without_configuration_no_token_is_issued()
    {
        var issuer = new LiveKitTokenIssuer(Options.Create(new ServerOptions { LiveKit = new LiveKitOptions { ApiKey = "key", ApiSecret = Secret } }));

        Assert.That(issuer.Enabled, Is.False, "a URL is needed too: a token without a server to use it on is useless");
        Assert.Throws<InvalidOperationException>(() => issuer.Issue(1, "Ann"));
    }
}
