namespace Hyperscape.Benchmarks.Load;

/// <summary>How to start a <see cref="ServerProcess"/>: its flags, environment and working folder.</summary>
internal sealed record ServerLaunch
{
    /// <summary>Command-line flags after the listen address (an ephemeral loopback port) and the log level.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Environment variables to set; the server's own shortcut variables are not inherited.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The working folder (relative database paths land there); the caller's when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Cores the server may run on, as <c>taskset -c</c> takes them ("0", "0-1"); any when null.
    /// The server starts under <c>taskset</c>, so the runtime sizes its thread pool and GC for
    /// those cores from the first instruction.
    /// </summary>
    public string? Cores { get; init; }
}
