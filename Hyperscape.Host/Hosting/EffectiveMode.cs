using Hyperscape.Host.Configuration;
using Hyperscape.Host.Persistence;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// The one start-up line an operator checks first: how players authenticate, where their data
/// goes, and whether voice is on. Never a secret: no password, no API secret, no key material.
/// </summary>
public static class EffectiveMode
{
    /// <summary>Describes the security-relevant mode of a server with these settings.</summary>
    public static string Describe(ServerOptions options, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        var privy = options.Privy;
        var authentication = !privy.Enabled
            ? "anonymous (no Privy app configured: anyone may play, accounts are not tied to a person)"
            : $"Privy app {privy.AppId}, keys from {KeySource(privy)}";
        var voice = options.LiveKit.Enabled ? $"on (LiveKit {options.LiveKit.Url}, room {options.LiveKit.Room})" : "off";
        return $"Mode: authentication {authentication}; database {database.Describe()}; voice {voice}";
    }

    private static string KeySource(PrivyOptions privy) =>
        !string.IsNullOrWhiteSpace(privy.VerificationKey) ? "a PEM verification key"
        : Uri.TryCreate(privy.Jwks, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? $"the JWKS URL {uri}"
        : $"the JWKS file {Path.GetFullPath(privy.Jwks!)}";
}
