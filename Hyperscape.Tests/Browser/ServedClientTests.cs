using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hyperscape.Benchmarks.Load;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// The page is part of the server, however it is started: the compiled Host, run as a plain
/// process from an unrelated working directory, serves the client, the dashboard and the world
/// description from its own assembly.
/// </summary>
public sealed class ServedClientTests
{
    [Test]
    public async Task A_plain_start_of_the_built_host_serves_the_page_the_dashboard_and_the_world()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hyperscape-served-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var server = await ServerProcess.StartAsync(ServerProcess.SqliteLaunch(Path.Combine(folder, "served.db")) with { WorkingDirectory = folder });
            using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.Http };

            var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.That(page, Does.Contain("<canvas id=\"world\"").And.Contain("/assets/game.js"));
            var dashboard = await http.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
            Assert.That(dashboard, Does.Contain("/assets/dashboard.js"));

            using var gzipped = new HttpRequestMessage(HttpMethod.Get, "/assets/game.js");
            gzipped.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var script = await http.SendAsync(gzipped);
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(script.Content.Headers.ContentEncoding, Does.Contain("gzip"));
            Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
            var etag = script.Headers.ETag;
            Assert.That(etag, Is.Not.Null);
            Assert.That((await script.Content.ReadAsByteArrayAsync()).Length, Is.LessThan(150_000), "the bundle stays under 150 KB gzipped");

            using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/game.js");
            again.Headers.IfNoneMatch.Add(etag!);
            using var notModified = await http.SendAsync(again);
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That((await http.GetAsync(new Uri("/assets/nothing.js", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

            using var world = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/world", UriKind.Relative)));
            var root = world.RootElement;
            Assert.That(root.GetProperty("width").GetInt32(), Is.EqualTo(256));
            Assert.That(root.GetProperty("tickMs").GetDouble(), Is.EqualTo(600));
            Assert.That(root.GetProperty("privy").GetBoolean(), Is.False);
            var blocked = Convert.FromBase64String(root.GetProperty("blocked").GetString()!);
            bool Blocked(int x, int z) => (blocked[((z * 256) + x) >> 3] & (1 << (((z * 256) + x) & 7))) != 0;
            Assert.That(Blocked(120, 140), Is.True, "the default world's long wall");
            Assert.That(Blocked(128, 128), Is.False, "the spawn point");
            Assert.That(root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Does.Contain("Bronze sword"));
            var longsword = root.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Steel longsword");
            Assert.That(longsword.GetProperty("styles").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Chop", "Slash", "Lunge", "Block" }));
            Assert.That(longsword.GetProperty("requirements").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Attack 5" }));
            Assert.That(root.GetProperty("prayers").EnumerateArray().Select(p => p.GetProperty("level").GetInt32()), Is.EqualTo(Hyperscape.Ecs.Game.Rules.PrayerBook.Standard.All.Select(p => p.Level)));
            var altar = root.GetProperty("altars").EnumerateArray().Single();
            Assert.That((altar.GetProperty("x").GetInt32(), altar.GetProperty("z").GetInt32()), Is.EqualTo((124, 131)));
            Assert.That(root.GetProperty("unarmedStyles").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Punch", "Kick", "Block" }));
            Assert.That(root.GetProperty("npcs").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Does.Contain("Chicken"));
            var dagger = root.GetProperty("recipes").EnumerateArray().Single(r => r.GetProperty("product").GetInt32() == Hyperscape.Ecs.Game.Rules.ItemIds.BronzeDagger);
            Assert.That((dagger.GetProperty("skill").GetString(), dagger.GetProperty("xpTenths").GetInt32(), dagger.GetProperty("station").GetInt32()), Is.EqualTo(("smithing", 125, 3)));
            Assert.That(dagger.GetProperty("inputs").EnumerateArray().Select(i => (i[0].GetInt32(), i[1].GetInt32())), Is.EqualTo(new[] { (Hyperscape.Ecs.Game.Rules.ItemIds.BronzeBar, 1) }));
            var altars = root.GetProperty("objects").EnumerateArray().Where(o => o.GetProperty("kind").GetInt32() == 6).Select(o => o.GetProperty("makes").GetInt32());
            Assert.That(altars, Is.EqualTo(new[] { Hyperscape.Ecs.Game.Rules.ItemIds.AirRune, Hyperscape.Ecs.Game.Rules.ItemIds.MindRune }));
            var strike = root.GetProperty("spells").EnumerateArray().First();
            Assert.That((strike.GetProperty("id").GetInt32(), strike.GetProperty("name").GetString(), strike.GetProperty("maxHit").GetInt32()), Is.EqualTo((1, "Wind Strike", 2)));
            var course = root.GetProperty("courses").EnumerateArray().Single();
            Assert.That(course.GetProperty("obstacles").EnumerateArray().Select(o => o.GetProperty("name").GetString()), Is.EqualTo(new[] { "Log balance", "Obstacle net", "Balancing rope", "Obstacle pipe" }));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
}
