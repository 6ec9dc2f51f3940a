using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Host.Persistence;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// <c>load --zones 1|2 --bots N --seconds S</c>: the same bots on PostgreSQL, either on one process
/// or on two zone processes (zone 1 west of x = 130, zone 2 east), half of them living west of the
/// border and half east, so those near it cross now and then. Starts a throwaway PostgreSQL and the
/// servers, lets the bots play, and reports each process's /stats (ticks, frames, crossings, memory)
/// and the bots' own view of their crossings (ZoneChange to EnteredWorld at the other zone).
/// </summary>
internal static class ZoneLoadCommand
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine($"Starting a throwaway PostgreSQL and {(options.Zones == 2 ? "two zone processes" : "one server process")} ...");
        await using var postgres = await LocalPostgresCluster.StartAsync();
        var database = $"Host=127.0.0.1;Port={new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString).Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20";
        var launch = new ZoneLaunch();
        var servers = new List<ServerProcess>();
        try
        {
            var started = Stopwatch.StartNew();
            var launches = Enumerable.Range(1, options.Zones).Select(zone => ServerProcess.StartAsync(new ServerLaunch
            {
                Flags = Flags(options, database, zone, launch),
            })).ToList();
            servers.AddRange(await Task.WhenAll(launches));
            Console.WriteLine($"Up in {started.Elapsed.TotalSeconds:F1} s.");
            return await PlayAsync(options, servers);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.TerminateAsync(TimeSpan.FromSeconds(60));
                server.Dispose();
            }
        }
    }

    private static string[] Flags(LoadOptions options, string database, int zone, ZoneLaunch launch) =>
    [
        .. launch.Flags(zone, database, zoned: options.Zones == 2),
        $"--Hyperscape:World:ScatteredNpcs={options.Npcs}",
        "--Hyperscape:World:ScatterRadius=40",
        $"--Hyperscape:Limits:MaxConnections={Math.Max(5000, options.Bots + 100)}",
        $"--Hyperscape:Limits:MaxConnectionsPerAddress={Math.Max(5000, options.Bots + 100)}",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static async Task<int> PlayAsync(LoadOptions options, List<ServerProcess> servers)
    {
        var stats = new BotStats();
        var run = Guid.NewGuid().ToString("N")[..4];

        // Every character is made at the spawn point (zone 1); half of them live east of the border.
        var bots = Enumerable.Range(0, options.Bots).Select(i => new Bot(stats, seed: i, home: new Tile(i % 2 == 0 ? ZoneLaunch.Border - 18 : ZoneLaunch.Border + 18, 128))).ToArray();
        var entered = new bool[options.Bots];
        using (var logins = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Bots).Select(async i =>
            {
                await logins.WaitAsync();
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    entered[i] = await bots[i].EnterAsync(servers[0].Socket, $"z{run}{i}", timeout.Token);
                }
                finally
                {
                    logins.Release();
                }
            }));
        }

        Console.WriteLine($"{entered.Count(e => e)} of {options.Bots} bots in the world; playing for {options.Seconds} s ...");
        using var http = new HttpClient();
        using var self = Process.GetCurrentProcess();
        var botCpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds)))
        {
            var playing = Enumerable.Range(0, options.Bots).Where(i => entered[i]).Select(i => bots[i].PlayAsync(stop.Token)).ToList();
            await Task.WhenAll(playing);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var culture = CultureInfo.InvariantCulture;
        long bytesOut = 0;
        var online = 0;
        for (var i = 0; i < servers.Count; i++)
        {
            var view = await http.GetFromJsonAsync<JsonElement>(new Uri(servers[i].Http, string.Create(culture, $"stats?window={seconds:F0}")));
            bytesOut += view.GetProperty("bytesOut").GetInt64();
            online += view.GetProperty("online").GetInt32();
            var line = string.Create(culture,
                $"{(servers.Count == 1 ? "server" : $"zone {i + 1}")}: online {view.GetProperty("online").GetInt32()}, tick p50 {view.GetProperty("tickP50Ms").GetDouble():F2} / p99 {view.GetProperty("tickP99Ms").GetDouble():F2} ms, frame p99 {view.GetProperty("frameP99Ms").GetDouble():F2} ms, ticks lost {view.GetProperty("ticksLost").GetInt64()}, CPU {view.GetProperty("cpuSeconds").GetDouble():F0} s, working set {view.GetProperty("workingSetBytes").GetInt64() / 1048576.0:F0} MiB");
            if (view.TryGetProperty("zone", out var zone) && zone.ValueKind == JsonValueKind.Object)
            {
                line += string.Create(culture,
                    $"; calls to the other zone p50 {zone.GetProperty("callP50Ms").GetDouble():F2} ms, p99 {zone.GetProperty("callP99Ms").GetDouble():F2} ms; crossings out {zone.GetProperty("handOffsOut").GetInt64()} (p50 {zone.GetProperty("handOffP50Ms").GetDouble():F1} ms, p99 {zone.GetProperty("handOffP99Ms").GetDouble():F1} ms), in {zone.GetProperty("handOffsIn").GetInt64()}, aborted {zone.GetProperty("handOffsAborted").GetInt64()}; ghosts sent {zone.GetProperty("ghostsSent").GetInt64():N0}");
            }

            Console.WriteLine(line);
        }

        var crossings = stats.Crossings.Order().ToArray();
        Console.WriteLine(string.Create(culture,
            $"bots: {options.Bots} ({online} online at the end), {stats.Actions:N0} actions, {crossings.Length} crossings followed (ZoneChange to EnteredWorld p50 {Percentile(crossings, 50):F1} ms, p99 {Percentile(crossings, 99):F1} ms), {stats.CrossingsFailed} failed, {stats.ClosedByServer} closed by a server, {stats.UndecodableMessages} undecodable; {bytesOut / seconds / Math.Max(1, online):N0} bytes/client/s; bots' CPU {(self.TotalProcessorTime - botCpu).TotalSeconds / seconds * 100:F0}% of a core"));
        foreach (var (why, count) in stats.Closes.OrderByDescending(c => c.Value))
        {
            Console.WriteLine(string.Create(culture, $"  closed {count} times: {why}"));
        }

        // What the servers said went wrong, if anything: the first error of each.
        foreach (var server in servers)
        {
            var lines = server.Output.Split('\n');
            var first = Array.FindIndex(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
            if (first >= 0)
            {
                Console.WriteLine($"  {(servers.Count == 1 ? "the server" : $"zone {servers.IndexOf(server) + 1}")} logged:");
                foreach (var line in lines.Skip(first).Take(12))
                {
                    Console.WriteLine($"    {line}");
                }
            }
        }

        foreach (var bot in bots)
        {
            await bot.DisposeAsync();
        }

        return stats.CrossingsFailed == 0 && stats.ClosedByServer == 0 && stats.UndecodableMessages == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

}
