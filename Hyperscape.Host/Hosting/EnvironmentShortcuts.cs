using Hyperscape.Host.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// The environment variable names operators already use for these services (PRIVY_APP_ID,
/// LIVEKIT_API_KEY, ...), mapped onto configuration keys. Precedence, lowest first:
/// appsettings.json, these shortcuts, <c>Hyperscape__*</c> variables, command-line flags. A
/// shortcut must beat the file: the file ships with empty values for every one of them, and a
/// server started with <c>PRIVY_APP_ID</c> must not quietly accept anonymous players.
/// </summary>
public static class EnvironmentShortcuts
{
    /// <summary>Environment variable → configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HYPERSCAPE_POSTGRES"] = $"{ServerOptions.Section}:Database:PostgresConnectionString",
        ["PRIVY_APP_ID"] = $"{ServerOptions.Section}:Privy:AppId",
        ["PRIVY_VERIFICATION_KEY"] = $"{ServerOptions.Section}:Privy:VerificationKey",
        ["PRIVY_JWKS"] = $"{ServerOptions.Section}:Privy:Jwks",
        ["LIVEKIT_API_KEY"] = $"{ServerOptions.Section}:LiveKit:ApiKey",
        ["LIVEKIT_API_SECRET"] = $"{ServerOptions.Section}:LiveKit:ApiSecret",
        ["LIVEKIT_URL"] = $"{ServerOptions.Section}:LiveKit:Url",
    };

    /// <summary>Adds the mapped variables that are set, just below the unprefixed environment-variable source (so above every file).</summary>
    public static void AddTo(IConfigurationBuilder configuration, Func<string, string?>? read = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        read ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Map)
        {
            if (read(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        if (values.Count == 0)
        {
            return;
        }

        // The host adds prefixed variable sources (ASPNETCORE_, DOTNET_) before the files; the one
        // to sit under is the plain one, which comes after them.
        var sources = configuration.Sources.ToList();
        var index = sources.FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (index < 0)
        {
            index = sources.FindLastIndex(s => s is FileConfigurationSource) + 1;
        }

        configuration.Sources.Insert(index, new MemoryConfigurationSource { InitialData = values });
    }
}
