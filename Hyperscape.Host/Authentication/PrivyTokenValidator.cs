using System.Security.Cryptography;
using Hyperscape.Host.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hyperscape.Host.Authentication;

/// <summary>
/// Verifies Privy access tokens: an ES256 JWT with <c>typ</c> JWT, issuer <c>privy.io</c>,
/// audience the app id, a subject, and an expiry (required; no clock skew allowed). A leading
/// <c>Bearer </c> is accepted. Without Privy configured, every session is anonymous.
/// </summary>
public sealed class PrivyTokenValidator : IDisposable
{
    private readonly PrivyOptions _options;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger<PrivyTokenValidator> _logger;
    private readonly HttpClient? _http;
    private readonly Lock _keysGate = new();
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _keysFetched;
    private readonly ECDsa? _pemKey;

    /// <summary>Creates the validator from configuration.</summary>
    public PrivyTokenValidator(IOptions<ServerOptions> options, ILogger<PrivyTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Privy;
        _logger = logger;
        if (!_options.Enabled)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(_options.VerificationKey))
        {
            _pemKey = ECDsa.Create();
            _pemKey.ImportFromPem(_options.VerificationKey.Replace("\\n", "\n", StringComparison.Ordinal));
            // A factory of its own: the shared default caches signature providers by the public
            // key, and would hand the next validator of the same key (a host restarted in the
            // same process) a provider holding this ECDsa after Dispose has released it.
            _keys = [new ECDsaSecurityKey(_pemKey) { CryptoProviderFactory = new CryptoProviderFactory() }];
        }
        else if (Uri.TryCreate(_options.Jwks, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        }
        else
        {
            _keys = [.. new JsonWebKeySet(File.ReadAllText(_options.Jwks!)).GetSigningKeys()];
        }
    }

    /// <summary>True when tokens are required.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Checks a hello's access token.</summary>
    public async Task<AuthenticationResult> ValidateAsync(string? accessToken, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return AuthenticationResult.Anonymous;
        }

        if (string.IsNullOrWhiteSpace(accessToken))
        {
            return AuthenticationResult.Refused("An access token is required.");
        }

        var token = accessToken.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? accessToken[7..].Trim() : accessToken.Trim();
        var keys = await KeysAsync(cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return AuthenticationResult.Refused("Access tokens cannot be verified right now (the Privy keys are unavailable); try again shortly.");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "privy.io",
            ValidAudience = _options.AppId,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = ["JWT"],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthenticationResult.Refused($"The access token is not valid: {Reason(result.Exception)}");
        }

        var subject = result.SecurityToken is JsonWebToken jwt ? jwt.Subject : null;
        return string.IsNullOrWhiteSpace(subject)
            ? AuthenticationResult.Refused("The access token has no subject.")
            : new AuthenticationResult(true, subject, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http?.Dispose();
        _pemKey?.Dispose();
    }

    private async Task<IReadOnlyList<SecurityKey>> KeysAsync(CancellationToken cancellationToken)
    {
        if (_http is null)
        {
            return _keys;
        }

        lock (_keysGate)
        {
            if (_keys.Count > 0 && DateTimeOffset.UtcNow - _keysFetched < TimeSpan.FromHours(1))
            {
                return _keys;
            }
        }

        try
        {
            var json = await _http.GetStringAsync(new Uri(_options.Jwks!), cancellationToken).ConfigureAwait(false);
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            lock (_keysGate)
            {
                _keys = keys.ToList();
                _keysFetched = DateTimeOffset.UtcNow;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            // Keep the keys we have; a JWKS outage must not lock every player out at once.
            _logger.LogWarning(exception, "Fetching the Privy JWKS failed; using the {Count} keys fetched before", _keys.Count);
        }

        return _keys;
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenInvalidAudienceException => "it is for another app",
        SecurityTokenInvalidIssuerException => "it was not issued by privy.io",
        SecurityTokenInvalidAlgorithmException => "it is not signed with ES256",
        SecurityTokenInvalidTypeException => "its type is not JWT",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify",
        SecurityTokenNotYetValidException => "it is not valid yet",
        null => "unknown reason",
        _ => "it is malformed",
    };
}
