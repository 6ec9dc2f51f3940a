using System.Globalization;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// The arguments of <c>load</c>: <c>--bots N --seconds S [--warmup S] [--server ws://host:port/game]
/// [--npcs N] [--server-cores LIST] [--bot-cores LIST]</c>. Core lists are as <c>taskset -c</c>
/// takes them ("0", "1-3", "0,2"). A warm-up is play before the measured seconds, reported apart.
/// </summary>
internal sealed record LoadOptions(int Bots, int Seconds, Uri? Server, int Npcs, string? ServerCores = null, string? BotCores = null, int Zones = 0, int Warmup = 0)
{
    public const string Usage = "load --bots N --seconds S [--warmup S] [--server ws://host:port/game] [--npcs N] [--server-cores LIST] [--bot-cores LIST] [--zones 1|2]";

    /// <summary>Parses the arguments; null with a reason when they are wrong.</summary>
    public static LoadOptions? Parse(ReadOnlySpan<string> args, out string? error)
    {
        int bots = 100, seconds = 30, npcs = -1, zones = 0, warmup = 0;
        Uri? server = null;
        string? serverCores = null, botCores = null;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--bots" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out bots) && bots is > 0 and <= 20_000,
                "--seconds" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is > 0 and <= 86_400,
                "--warmup" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out warmup) && warmup <= 3_600,
                "--npcs" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out npcs),
                "--server" => Uri.TryCreate(value, UriKind.Absolute, out server) && server.Scheme is "ws" or "wss",
                "--server-cores" => CoreList.TryParse(serverCores = value, out _),
                "--bot-cores" => CoreList.TryParse(botCores = value, out _),
                "--zones" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out zones) && zones is 1 or 2,
                _ => false,
            };
            if (!ok)
            {
                error = value is null || !args[i].StartsWith("--", StringComparison.Ordinal)
                    ? $"Unexpected argument '{args[i]}'."
                    : $"Bad value '{value}' for {args[i]}.";
                return null;
            }

            i++;
        }

        // A world as busy as its players: one NPC for every two bots, at least 200.
        if (server is not null && serverCores is not null)
        {
            error = "--server-cores places a server the load command starts; pin your own server yourself (taskset -c).";
            return null;
        }

        if (zones > 0 && (server is not null || serverCores is not null || warmup > 0))
        {
            error = "--zones starts its own PostgreSQL and servers: it takes neither --server, --server-cores nor --warmup.";
            return null;
        }

        return new LoadOptions(bots, seconds, server, npcs >= 0 ? npcs : Math.Max(200, bots / 2), serverCores, botCores, zones, warmup);
    }
}
