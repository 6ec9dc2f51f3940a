namespace Hyperscape.Host.Configuration;

/// <summary>
/// Privy access-token verification. With an <see cref="AppId"/> and a key (a PEM public key, a
/// JWKS file, or a JWKS URL), clients must present a valid token; otherwise they are anonymous.
/// Environment variables <c>PRIVY_APP_ID</c>, <c>PRIVY_VERIFICATION_KEY</c> and <c>PRIVY_JWKS</c> also work.
/// </summary>
public sealed class PrivyOptions
{
    /// <summary>The Privy app id: the tokens' audience.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's ES256 verification key, as a PEM public key.</summary>
    public string? VerificationKey { get; set; }

    /// <summary>A JWKS, as a file path or an https URL.</summary>
    public string? Jwks { get; set; }

    /// <summary>True when tokens are checked.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && (!string.IsNullOrWhiteSpace(VerificationKey) || !string.IsNullOrWhiteSpace(Jwks));
}
