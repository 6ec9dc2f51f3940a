using System.Net;
using System.Text.Json;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>What an operator reads: health, stats and Prometheus metrics over HTTP.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OperationsTests
{
    [Test]
    public async Task Health_stats_and_metrics_describe_a_running_server()
    {
        await using var server = await TestServer.StartAsync();
        await using var player = await TestClient.EnterAsync(server.Socket, "Op");
        await player.WaitUntilAsync(c => server.Loop.Tick >= 3 && c.World!.Entities.ContainsKey(c.NetworkId), "a few ticks, and the player seeing itself");
        using var http = new HttpClient { BaseAddress = server.Http };

        var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));

        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("stats", UriKind.Relative)));
        Assert.Multiple(() =>
        {
            Assert.That(stats.RootElement.GetProperty("online").GetInt32(), Is.EqualTo(1));
            Assert.That(stats.RootElement.GetProperty("connections").GetInt32(), Is.EqualTo(1));
            Assert.That(stats.RootElement.GetProperty("tick").GetInt64(), Is.GreaterThanOrEqualTo(3));
            Assert.That(stats.RootElement.GetProperty("bytesOut").GetInt64(), Is.GreaterThan(0));
            var sync = stats.RootElement.GetProperty("sync");
            Assert.That(sync.GetProperty("packets").GetInt64(), Is.GreaterThan(0), "the sync's own totals");
            Assert.That(sync.GetProperty("entriesSent").GetInt64(), Is.GreaterThan(0));
            Assert.That(sync.TryGetProperty("entriesDeferred", out _) && sync.TryGetProperty("eventsDropped", out _) && sync.TryGetProperty("visibilityCapped", out _), Is.True);
        });

        // A window limits the percentiles to recent samples; the process's CPU and GC pauses are there too.
        using var recent = JsonDocument.Parse(await http.GetStringAsync(new Uri("stats?window=30", UriKind.Relative)));
        Assert.Multiple(() =>
        {
            Assert.That(recent.RootElement.GetProperty("windowSeconds").GetDouble(), Is.EqualTo(30));
            Assert.That(recent.RootElement.GetProperty("tickP99Ms").GetDouble(), Is.GreaterThan(0), "ticks within the last 30 s");
            Assert.That(recent.RootElement.GetProperty("cpuSeconds").GetDouble(), Is.GreaterThan(0));
            Assert.That(recent.RootElement.GetProperty("gcPauses").GetInt32(), Is.GreaterThanOrEqualTo(0));
            Assert.That(recent.RootElement.TryGetProperty("gcPauseP99Ms", out _) && recent.RootElement.TryGetProperty("gcPauseMaxMs", out _), Is.True);
        });
        var badWindow = await http.GetAsync(new Uri("stats?window=-5", UriKind.Relative));
        Assert.That(badWindow.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        // The exporter collects on scrape; everything the game measures is there by name.
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.That(metrics, Does.Contain("hyperscape_tick_duration"));
        Assert.That(metrics, Does.Contain("hyperscape_tick_phase_duration"));
        Assert.That(metrics, Does.Contain("hyperscape_sync_frame_duration"));
        Assert.That(metrics, Does.Contain("hyperscape_players_online"));
        Assert.That(metrics, Does.Contain("hyperscape_network_bytes_out"));
        Assert.That(metrics, Does.Contain("service_name=\"Hyperscape.Host\""), "the service has a name, not unknown_service");
        foreach (var name in new[] { "hyperscape_sync_packets", "hyperscape_sync_bytes", "hyperscape_sync_entries_sent", "hyperscape_sync_entries_deferred", "hyperscape_sync_events_dropped", "hyperscape_sync_visibility_capped" })
        {
            Assert.That(metrics, Does.Contain(name), name);
        }

        Assert.That(metrics, Does.Contain("phase=\"npc-ai\""), "per-phase durations, by the phases' own names");

        var game = await http.GetAsync(new Uri("game", UriKind.Relative));
        Assert.That(game.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the game path wants a WebSocket");
    }

    [Test]
    public async Task The_server_asks_for_a_background_collection_when_the_runtime_has_run_none_for_the_interval()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hyperscape:BackgroundGcInterval"] = "00:00:01" });
        using var http = new HttpClient { BaseAddress = server.Http };

        // Every second without a background collection is a request, whether or not the runtime then runs one in the background.
        long requests = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (requests < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("stats", UriKind.Relative)));
            requests = stats.RootElement.GetProperty("backgroundGcRequests").GetInt64();
        }

        Assert.That(requests, Is.GreaterThanOrEqualTo(2), "two intervals of a second without a background collection");
        // After a request the collector thread is given its nice value, or the log says why not (in
        // this test host the runtime may have collected without a background thread at all).
        Assert.That(server.Logs.Entries.Select(e => e.Message), Has.Some.StartsWith("The background garbage collector thread runs at nice -5")
            .Or.Some.StartsWith("The background garbage collector thread keeps its priority: "));
    }

    [Test]
    public async Task The_log_says_who_entered_and_left_the_world_and_from_where()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hyperscape:ReconnectGrace"] = "00:00:00" });
        var player = await TestClient.EnterAsync(server.Socket, "Visitor");
        var character = player.CharacterId;
        await player.DisposeAsync();

        await Eventually.HoldsAsync(() => server.Logs.Entries.Any(e => e.Message.Contains("left the world", StringComparison.Ordinal)), "the leaving line");
        var lines = server.Logs.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information && e.Message.StartsWith("Visitor", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.That(lines[0], Does.Match($@"^Visitor \(character {character}, account \d+\) entered the world from 127\.0\.0\.1$"));
        Assert.That(lines, Has.Some.Contains("disconnected"));
        Assert.That(lines[^1], Does.Match($@"^Visitor \(character {character}, account \d+\) left the world$"));
    }

}
