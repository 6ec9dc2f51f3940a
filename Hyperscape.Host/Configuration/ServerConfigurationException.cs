namespace Hyperscape.Host.Configuration;

/// <summary>The configuration is wrong; <see cref="Problems"/> lists every problem found, one per setting.</summary>
public sealed class ServerConfigurationException(IReadOnlyList<string> problems)
    : Exception("The configuration has problems:\n  " + string.Join("\n  ", problems))
{
    /// <summary>Each problem, starting with the setting's path.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
