using Hyperscape.Host.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// The environment variable names operators already use for these services (PRIVY_APP_ID,
/// LIVEKIT_API_KEY, ...), mapped onto configuration keys. They sit below the standard sources, so
/// <c>Hyperscape__*</c> variables and command-line flags still override them.
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

    /// <summary>Adds the mapped variables that are set, just below the first environment-variable source.</summary>
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

        var index = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var source = new MemoryConfigurationSource { InitialData = values };
        if (index < 0)
        {
            configuration.Sources.Add(source);
        }
        else
        {
            configuration.Sources.Insert(index, source);
        }
    }
}
