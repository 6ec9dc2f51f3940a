using System.Security.Cryptography;
using Hyperscape.Host.Authentication;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hyperscape.Tests.Authentication;

public sealed class PrivyTokenValidatorTests
{
    private PrivyTokenFactory _tokens = null!;
    private PrivyTokenValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _tokens = new PrivyTokenFactory();
        _validator = Validator(new PrivyOptions { AppId = PrivyTokenFactory.AppId, VerificationKey = _tokens.PublicKeyPem });
    }

    [TearDown]
    public void TearDown()
    {
        _validator.Dispose();
        _tokens.Dispose();
    }

    [Test]
    public async Task A_valid_token_names_its_user()
    {
        var result = await _validator.ValidateAsync(_tokens.Create(subject: "did:privy:abc"));

        Assert.That(result, Is.EqualTo(new AuthenticationResult(true, "did:privy:abc", null)));
    }

    [Test]
    public async Task A_bearer_prefix_is_accepted()
    {
        var result = await _validator.ValidateAsync("Bearer " + _tokens.Create());

        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase("expired", "expired")]
    [TestCase("just-expired", "expired")]
    [TestCase("no-expiry", "no expiry")]
    [TestCase("wrong-audience", "another app")]
    [TestCase("wrong-issuer", "privy.io")]
    [TestCase("wrong-type", "type")]
    [TestCase("wrong-key", "signature")]
    [TestCase("no-subject", "subject")]
    public async Task A_bad_token_is_refused_with_the_reason(string what, string reason)
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = what switch
        {
            "expired" => _tokens.Create(expiresIn: TimeSpan.FromMinutes(-10)),

            // No clock skew is allowed: five seconds late is late.
            "just-expired" => _tokens.Create(expiresIn: TimeSpan.FromSeconds(-5)),
            "no-expiry" => _tokens.Create(withExpiry: false),
            "wrong-audience" => _tokens.Create(audience: "another-app"),
            "wrong-issuer" => _tokens.Create(issuer: "evil.example"),
            "wrong-type" => _tokens.Create(type: "at+jwt"),
            "wrong-key" => _tokens.Create(signWith: otherKey),
            _ => _tokens.Create(subject: null),
        };

        var result = await _validator.ValidateAsync(token);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.PrivyUserId, Is.Null);
        Assert.That(result.Error, Does.Contain(reason));
    }

    [Test]
    public async Task Other_algorithms_are_refused()
    {
        var unsigned = await _validator.ValidateAsync(PrivyTokenFactory.CreateUnsigned());
        var hmac = await _validator.ValidateAsync(_tokens.CreateHs256(RandomNumberGenerator.GetBytes(32)));

        Assert.That(unsigned.Succeeded, Is.False);
        Assert.That(hmac.Succeeded, Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Bearer ")]
    [TestCase("not.a.token")]
    [TestCase("eyJ!!!")]
    public async Task Missing_or_garbage_tokens_are_refused(string? token)
    {
        var result = await _validator.ValidateAsync(token);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Is.Not.Empty);
    }

    [Test]
    public async Task A_validator_of_the_same_key_still_verifies_after_an_earlier_one_was_disposed()
    {
        // As when a host is stopped and another started in the same process with the same key.
        var options = new PrivyOptions { AppId = PrivyTokenFactory.AppId, VerificationKey = _tokens.PublicKeyPem };
        using (var first = Validator(options))
        {
            Assert.That((await first.ValidateAsync(_tokens.Create())).Succeeded, Is.True);
        }

        using var second = Validator(options);
        var result = await second.ValidateAsync(_tokens.Create());
        Assert.That(result.Succeeded, Is.True, result.Error);
    }

    [Test]
    public async Task Keys_can_come_from_a_jwks_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, _tokens.Jwks);
            using var validator = Validator(new PrivyOptions { AppId = PrivyTokenFactory.AppId, Jwks = file });

            Assert.That((await validator.ValidateAsync(_tokens.Create())).Succeeded, Is.True);
            using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Assert.That((await validator.ValidateAsync(_tokens.Create(signWith: otherKey))).Succeeded, Is.False);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Keys_can_come_from_a_jwks_url_and_survive_its_outage()
    {
        // A loopback stand-in for https://auth.privy.io/api/v1/apps/<app>/jwks.json.
        var fetches = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var jwksServer = builder.Build();
        jwksServer.MapGet("/jwks.json", () =>
        {
            Interlocked.Increment(ref fetches);
            return Results.Text(_tokens.Jwks, "application/json");
        });
        await jwksServer.StartAsync();
        var address = ServerApplication.Addresses(jwksServer)[0];
        using var validator = Validator(new PrivyOptions { AppId = PrivyTokenFactory.AppId, Jwks = new Uri(address, "/jwks.json").ToString() });

        Assert.That((await validator.ValidateAsync(_tokens.Create())).Succeeded, Is.True);
        Assert.That((await validator.ValidateAsync(_tokens.Create(subject: "did:privy:other"))).Succeeded, Is.True);
        Assert.That(fetches, Is.EqualTo(1), "the key set is cached, not fetched per login");

        await jwksServer.StopAsync();
        await jwksServer.DisposeAsync();
        Assert.That((await validator.ValidateAsync(_tokens.Create())).Succeeded, Is.True, "keys fetched before keep working while the JWKS endpoint is down");
    }

    [Test]
    public async Task An_unreachable_jwks_url_refuses_tokens_instead_of_accepting_them()
    {
        using var validator = Validator(new PrivyOptions { AppId = PrivyTokenFactory.AppId, Jwks = "http://127.0.0.1:9/jwks.json" });

        var result = await validator.ValidateAsync(_tokens.Create());

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("cannot be verified right now"));
    }

    [Test]
    public async Task Without_configuration_every_session_is_anonymous()
    {
        using var validator = Validator(new PrivyOptions());

        Assert.That(validator.Enabled, Is.False);
        Assert.That(await validator.ValidateAsync(null), Is.EqualTo(AuthenticationResult.Anonymous));
    }

    private static PrivyTokenValidator Validator(PrivyOptions privy) =>
        new(Options.Create(new ServerOptions { Privy = privy }), NullLogger<PrivyTokenValidator>.Instance);
}
