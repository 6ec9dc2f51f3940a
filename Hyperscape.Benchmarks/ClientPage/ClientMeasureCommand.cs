using System.Globalization;
using System.Net;
using System.Text.Json;
using Hyperscape.Benchmarks.Load;
using Microsoft.Playwright;

namespace Hyperscape.Benchmarks.ClientPage;

/// <summary>
/// <c>client [--npcs N] [--seconds S]</c>: measures the browser client in headless Chromium
/// against the Release server with N NPCs scattered within the view around the spawn point: the
/// time from page load to in-world (the login clicks scripted), the canvas frame time and frame
/// rate with that crowd in view, and the gzipped size of what the game page downloads.
/// </summary>
internal static class ClientMeasureCommand
{
    public static async Task<int> RunAsync(ReadOnlyMemory<string> args)
    {
        var npcs = 200;
        var seconds = 10;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var ok = args.Span[i] switch
            {
                "--npcs" => int.TryParse(args.Span[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out npcs) && npcs is >= 0 and <= 2000,
                "--seconds" => int.TryParse(args.Span[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is > 0 and <= 600,
                _ => false,
            };
            if (!ok)
            {
                await Console.Error.WriteLineAsync($"Bad option {args.Span[i]} {args.Span[i + 1]}. Usage: client [--npcs 0..2000] [--seconds 1..600]");
                return 2;
            }
        }

        if (ChromiumLauncher.FindExecutable() is not { } chromium)
        {
            await Console.Error.WriteLineAsync("No Chromium found: install Debian's chromium or set HYPERSCAPE_CHROMIUM.");
            return 1;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"hyperscape-client-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"Starting the server with {npcs} NPCs scattered within 10 tiles of the spawn point ...");
        using var server = await ServerProcess.StartAsync(ServerProcess.SqliteLaunch(
            Path.Combine(folder, "client.db"),
            $"--Hyperscape:World:ScatteredNpcs={npcs}",
            "--Hyperscape:World:ScatterRadius=10",
            "--Logging:LogLevel:Default=Warning"));
        try
        {
            var bundle = await BundleSizesAsync(server.Http);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await ChromiumLauncher.LaunchAsync(playwright, chromium);
            var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } })).NewPageAsync();
            await page.GotoAsync(server.Http.ToString());
            await page.ClickAsync("#play");
            await page.FillAsync("#new-name", "Measurer");
            await page.ClickAsync("#create-form button");
            await page.ClickAsync("#character-list button");
            await page.WaitForFunctionAsync("() => window.hyperscape && window.hyperscape.phase() === 'world' && window.hyperscape.inWorldAt() !== null");
            var inWorld = await page.EvaluateAsync<double>("() => window.hyperscape.inWorldAt()");
            var loaded = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");

            // Let the view fill, then keep the player walking to and fro through the crowd.
            await page.WaitForTimeoutAsync(3_000);
            var inView = await page.EvaluateAsync<int>("() => window.hyperscape.entities().length");
            Console.WriteLine($"In the world after {inWorld:F0} ms; {inView} entities in view; measuring {seconds} s of frames ...");
            var measured = await page.EvaluateAsync<JsonElement>(
                """
                async (ms) => {
                  const h = window.hyperscape;
                  const start = h.predictedTile();
                  let leg = 0;
                  const walk = setInterval(() => {
                    const x = start.x + (leg++ % 2 === 0 ? 6 : -6);
                    const p = h.screenOf(x, start.z);
                    const canvas = document.getElementById('world');
                    const box = canvas.getBoundingClientRect();
                    canvas.dispatchEvent(new MouseEvent('click', { clientX: box.left + p.x, clientY: box.top + p.y, bubbles: true }));
                  }, 2500);
                  const before = h.frameTimes().length;
                  const stamps = [];
                  await new Promise(resolve => {
                    const until = performance.now() + ms;
                    const frame = (t) => { stamps.push(t); if (t < until) requestAnimationFrame(frame); else resolve(); };
                    requestAnimationFrame(frame);
                  });
                  clearInterval(walk);
                  const draws = h.frameTimes().slice(before);
                  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
                  return { draws, intervals, entities: h.entities().length };
                }
                """, seconds * 1000);
            var draws = measured.GetProperty("draws").EnumerateArray().Select(d => d.GetDouble()).Order().ToList();
            var intervals = measured.GetProperty("intervals").EnumerateArray().Select(d => d.GetDouble()).Order().ToList();
            var fps = intervals.Count / (intervals.Sum() / 1000);
            Console.WriteLine();
            Console.WriteLine("| Entities in view | Draw p50 | Draw p99 | Draw max | Frame interval p50 | Frame interval p99 | Frames per second | Page load → in world | game.js gzipped | Page total gzipped |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {measured.GetProperty("entities").GetInt32()} | {Percentile(draws, 0.5):F2} ms | {Percentile(draws, 0.99):F2} ms | {draws[^1]:F2} ms | {Percentile(intervals, 0.5):F1} ms | {Percentile(intervals, 0.99):F1} ms | {fps:F1} | {inWorld:F0} ms (DOM ready {loaded:F0} ms) | {bundle.Script / 1024.0:F1} KiB | {bundle.Total / 1024.0:F1} KiB |"));
            return 0;
        }
        finally
        {
            await server.TerminateAsync(TimeSpan.FromSeconds(30));
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<(long Script, long Total)> BundleSizesAsync(Uri server)
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server };
        long total = 0, script = 0;
        foreach (var path in (string[])["/", "/assets/game.js", "/assets/style.css"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            total += bytes;
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                script = bytes;
            }
        }

        return (script, total);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
