namespace Hyperscape.Host.Configuration;

/// <summary>
/// LiveKit voice tokens. Also read from <c>LIVEKIT_API_KEY</c>, <c>LIVEKIT_API_SECRET</c> and <c>LIVEKIT_URL</c>.
/// </summary>
public sealed class LiveKitOptions
{
    /// <summary>The API key: the token issuer.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API secret that signs tokens (HS256).</summary>
    public string? ApiSecret { get; set; }

    /// <summary>The LiveKit server URL clients connect to.</summary>
    public string? Url { get; set; }

    /// <summary>The room of this world.</summary>
    public string Room { get; set; } = "hyperscape-world";

    /// <summary>How long a voice token lives.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>True when tokens can be issued.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(ApiSecret) && !string.IsNullOrWhiteSpace(Url);
}
