using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hyperscape.Tests.Authentication;

/// <summary>Signs tokens the way Privy does (ES256 over P-256), and the ways an attacker might.</summary>
internal sealed class PrivyTokenFactory : IDisposable
{
    public const string AppId = "test-app";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The public key, as the server is configured with it.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public key as a JSON Web Key Set.</summary>
    public string Jwks
    {
        get
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(_key.ExportParameters(false))));
            return $$"""{"keys":[{"kty":"EC","crv":"{{jwk.Crv}}","x":"{{jwk.X}}","y":"{{jwk.Y}}","alg":"ES256","use":"sig"}]}""";
        }
    }

    /// <summary>A token; every part can be changed to make it wrong.</summary>
    public string Create(
        string? subject = "did:privy:player1",
        string issuer = "privy.io",
        string audience = AppId,
        TimeSpan? expiresIn = null,
        bool withExpiry = true,
        string type = "JWT",
        ECDsa? signWith = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sid"] = "session" };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-2) : now,
            NotBefore = expires < now ? expires.AddMinutes(-2) : now.AddSeconds(-1),
            Expires = withExpiry ? expires : null,
            TokenType = type,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signWith ?? _key), SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>The same claims, signed with a shared secret (HS256) instead.</summary>
    public string CreateHs256(byte[] secret) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "privy.io",
        Audience = AppId,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["sub"] = "did:privy:player1" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>An unsigned token (<c>alg: none</c>), the oldest trick.</summary>
    public static string CreateUnsigned()
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url($$"""{"iss":"privy.io","aud":"{{AppId}}","sub":"did:privy:player1","exp":{{exp}}}""")}.";
    }

    public void Dispose() => _key.Dispose();

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
