using System.Text;
using Hyperscape.Host.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hyperscape.Host.Voice;

/// <summary>
/// Issues LiveKit access tokens: an HS256 JWT signed with the API secret, issuer the API key,
/// subject the player's network id, <c>nbf</c>/<c>exp</c>, a display name, and a video grant to
/// join, publish, subscribe and send data in this world's room.
/// </summary>
public sealed class LiveKitTokenIssuer(IOptions<ServerOptions> options, TimeProvider? clock = null)
{
    private readonly LiveKitOptions _options = options?.Value.LiveKit ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>True when LiveKit is configured.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>The LiveKit server URL.</summary>
    public string? Url => _options.Url;

    /// <summary>This world's room.</summary>
    public string Room => _options.Room;

    /// <summary>A token for a player; throws when voice is not configured.</summary>
    public string Issue(long networkId, string displayName)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Voice is disabled: LiveKit is not configured.");
        }

        var now = _clock.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.ApiKey,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.TokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.ApiSecret!)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = networkId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["name"] = displayName,
                ["video"] = new Dictionary<string, object>
                {
                    ["room"] = _options.Room,
                    ["roomJoin"] = true,
                    ["canPublish"] = true,
                    ["canSubscribe"] = true,
                    ["canPublishData"] = true,
                },
            },
        };
        return _handler.CreateToken(descriptor);
    }
}
