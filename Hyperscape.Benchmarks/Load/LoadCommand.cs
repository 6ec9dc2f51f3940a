using System.Diagnostics;
using System.Net.Http.Json;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// <c>load --bots N --seconds S</c>: starts the console server (Release build, a fresh SQLite
/// file, a world with NPCs scattered around the spawn point) unless <c>--server</c> names one,
/// connects N bots, lets them play for S seconds, and reports what the server measured over
/// those S seconds (tick and sync-frame percentiles, ticks against the clock, GC pauses, CPU,
/// bytes per client per second, refusals, memory) from its /stats, and what the bots cost.
/// <c>--server-cores</c> starts the server under <c>taskset -c</c>; <c>--bot-cores</c> pins this
/// process (the bots) with its processor affinity, so the two never share a core.
/// </summary>
internal static class LoadCommand
{
    private const int ConcurrentLogins = 32;

    public static async Task<int> RunAsync(ReadOnlyMemory<string> args)
    {
        var options = LoadOptions.Parse(args.Span, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\nUsage: {LoadOptions.Usage}");
            return 2;
        }

        if (options.BotCores is not null)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
            {
                await Console.Error.WriteLineAsync("--bot-cores needs Linux or Windows (processor affinity).");
                return 2;
            }

            CoreList.TryParse(options.BotCores, out var mask);
            using var self = Process.GetCurrentProcess();
            self.ProcessorAffinity = (nint)mask;
            Console.WriteLine($"Bots pinned to cores {options.BotCores} (processor affinity).");
        }

        if (options.Zones > 0)
        {
            return await ZoneLoadCommand.RunAsync(options);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"hyperscape-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        ServerProcess? server = null;
        try
        {
            Uri socket;
            if (options.Server is null)
            {
                Console.WriteLine($"Starting the server with {options.Npcs} scattered NPCs{(options.ServerCores is null ? string.Empty : $" on cores {options.ServerCores} (taskset -c)")} ...");
                server = await ServerProcess.StartAsync(ServerProcess.SqliteLaunch(
                    Path.Combine(folder, "load.db"),
                    $"--Hyperscape:World:ScatteredNpcs={options.Npcs}",
                    "--Hyperscape:World:ScatterRadius=40",
                    $"--Hyperscape:Limits:MaxConnections={Math.Max(5000, options.Bots + 100)}",

                    // Every bot comes from loopback: one address holds the whole swarm.
                    $"--Hyperscape:Limits:MaxConnectionsPerAddress={Math.Max(5000, options.Bots + 100)}",
                    "--Logging:LogLevel:Default=Warning") with
                { Cores = options.ServerCores });
                socket = server.Socket;
            }
            else
            {
                socket = options.Server;
            }

            var http = new UriBuilder(socket) { Scheme = socket.Scheme == "wss" ? "https" : "http", Path = "/" }.Uri;
            using var client = new HttpClient { BaseAddress = http };
            return await RunBotsAsync(options, socket, client);
        }
        finally
        {
            if (server is not null)
            {
                Console.WriteLine("Stopping the server (SIGTERM) ...");
                var exit = await server.TerminateAsync(TimeSpan.FromSeconds(60));
                Console.WriteLine($"Server exited with {exit}.");
                server.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunBotsAsync(LoadOptions options, Uri socket, HttpClient http)
    {
        var stats = new BotStats();
        var bots = new Bot[options.Bots];
        var entered = new bool[options.Bots];
        var run = Guid.NewGuid().ToString("N")[..4];
        Console.WriteLine($"Connecting {options.Bots} bots to {socket} ...");
        var connecting = Stopwatch.StartNew();
        using (var logins = new SemaphoreSlim(ConcurrentLogins))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Bots).Select(async i =>
            {
                await logins.WaitAsync();
                try
                {
                    bots[i] = new Bot(stats, seed: i);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    entered[i] = await bots[i].EnterAsync(socket, $"b{run}{i}", timeout.Token);
                    if ((i + 1) % 250 == 0)
                    {
                        Console.WriteLine($"  {i + 1} bots in ({connecting.Elapsed.TotalSeconds:F1} s)");
                    }
                }
                finally
                {
                    logins.Release();
                }
            }));
        }

        var inWorld = entered.Count(e => e);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Warmup + options.Seconds));
        var playing = Enumerable.Range(0, options.Bots).Where(i => entered[i]).Select(i => bots[i].PlayAsync(stop.Token)).ToList();
        Console.WriteLine($"{inWorld} of {options.Bots} bots in the world after {connecting.Elapsed.TotalSeconds:F1} s.");
        ServerStatsView? warmup = null;
        if (options.Warmup > 0)
        {
            Console.WriteLine($"Warming up for {options.Warmup} s (reported apart) ...");
            await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
            warmup = await StatsAsync(http, options.Warmup);
        }

        Console.WriteLine($"Playing for {options.Seconds} s ...");
        var before = await StatsAsync(http);
        var bytesBefore = stats.Bytes;
        using var self = Process.GetCurrentProcess();
        var botCpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, options.Seconds)));
            var now = await StatsAsync(http);
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s: tick p99 {now.TickP99Ms:F2} ms, frame p99 {now.FrameP99Ms:F2} ms, online {now.Online}, {now.WorkingSetBytes / 1048576} MiB");
        }

        await Task.WhenAll(playing);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = await StatsAsync(http, seconds);
        self.Refresh();
        var botCpu = (self.TotalProcessorTime - botCpuBefore).TotalSeconds;
        foreach (var bot in bots)
        {
            await bot.DisposeAsync();
        }

        Console.WriteLine();
        foreach (var line in LoadReport.Lines(new LoadRun(options.Bots, inWorld, seconds, before, after, stats, stats.Bytes - bytesBefore, botCpu) { Warmup = warmup, WarmupSeconds = options.Warmup }))
        {
            Console.WriteLine(line);
        }

        return inWorld == options.Bots && stats.ClosedByServer == 0 && stats.UndecodableMessages == 0 ? 0 : 1;
    }

    private static async Task<ServerStatsView> StatsAsync(HttpClient http, double? windowSeconds = null) =>
        await http.GetFromJsonAsync<ServerStatsView>(windowSeconds is { } window ? FormattableString.Invariant($"stats?window={window:F1}") : "stats")
        ?? throw new InvalidOperationException("/stats answered nothing.");
}
