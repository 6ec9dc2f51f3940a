using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// The browser client the host serves, played in headless Chromium against a real server: two
/// players see each other walk and chat, one fights, one drops and picks up, one loses its
/// connection and comes back. Each step's screenshot is kept under TestResults/browser.
/// </summary>
[NonParallelizable]
public sealed class BrowserClientTests
{
    private const int Player = 1;
    private const int Npc = 2;
    private const int GroundItem = 3;

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private TestServer _server = null!;
    private string _screenshots = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => (_playwright, _browser) = await SystemChromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    [SetUp]
    public async Task StartServer()
    {
        // 25 ms frames: a 300 ms tick, so the walks and fights of these tests take half as long.
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hyperscape:FrameInterval"] = "00:00:00.025" });
        _screenshots = RepositoryRoot.Combine("TestResults", "browser", TestContext.CurrentContext.Test.Name);
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task TwoPlayersSeeEachOtherWalkAndChat()
    {
        var alice = await GamePage.EnterAsync(_browser, _server.Http, "Alice", _screenshots);
        var bob = await GamePage.EnterAsync(_browser, _server.Http, "Bob", _screenshots);
        await alice.WaitForAsync($"h.entities().some(e => e.id === {bob.NetworkId} && e.name === 'Bob')");
        await bob.WaitForAsync($"h.entities().some(e => e.id === {alice.NetworkId} && e.name === 'Alice')");

        // Bob's page records where it draws Alice on every animation frame while she walks.
        var start = await alice.ServerTileAsync();
        var goal = (X: start.X + 6, Z: start.Z + 2);
        var samples = bob.Page.EvaluateAsync<JsonElement>(
            """
            ([id, ms]) => new Promise(resolve => {
              const samples = [];
              const until = performance.now() + ms;
              const frame = () => {
                const at = window.hyperscape.drawnPosition(id);
                if (at) samples.push([at.x, at.z]);
                if (performance.now() < until) requestAnimationFrame(frame); else resolve(samples);
              };
              requestAnimationFrame(frame);
            })
            """, new object[] { alice.NetworkId, 4_000 });
        await alice.ClickTileAsync(goal.X, goal.Z);
        await alice.ShotAsync("walking");
        var drawn = (await samples).EnumerateArray().Select(s => (X: s[0].GetDouble(), Z: s[1].GetDouble())).ToList();
        await bob.ShotAsync("sees-alice-walk");

        Assert.That(await alice.ServerTileAsync(), Is.EqualTo(goal), "Alice reached the tile she clicked");
        Assert.That(drawn, Has.Count.GreaterThan(30), "Bob's page drew frames while Alice walked");
        Assert.That(drawn[^1].X, Is.EqualTo(goal.X).Within(0.01), "Bob sees Alice arrive");
        Assert.That(drawn[^1].Z, Is.EqualTo(goal.Z).Within(0.01));
        var jumps = drawn.Zip(drawn.Skip(1), (a, b) => Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Z - a.Z))).ToList();
        Assert.That(jumps.Max(), Is.LessThanOrEqualTo(2.0), "no jump larger than a tick's walk (2 tiles)");
        Assert.That(drawn.Distinct().Count(), Is.GreaterThan(10), "Alice glides through in-between positions, not tile to tile");

        await alice.Page.PressAsync("body", "Enter");
        await alice.Page.FillAsync("#chat-input", "hello from Alice");
        await alice.Page.PressAsync("#chat-input", "Enter");
        await bob.WaitForAsync("h.chat().includes('Alice: hello from Alice')");
        await bob.ShotAsync("reads-chat");
        Assert.That(await bob.Page.InnerTextAsync("#chat-log"), Does.Contain("Alice: hello from Alice"));
    }

    [Test]
    public async Task ThePredictedWalkMatchesTheServerWithinOneTick()
    {
        var player = await GamePage.EnterAsync(_browser, _server.Http, "Walker", _screenshots);
        var start = await player.ServerTileAsync();
        var goal = (X: start.X - 7, Z: start.Z - 3);
        await player.ClickTileAsync(goal.X, goal.Z);

        // The page walks at once: its predicted path exists before the server has moved anyone.
        var predictedAtClick = await player.ProbeAsync<JsonElement>("received()");
        Assert.That(await player.Page.EvaluateAsync<int>("() => window.hyperscape.predictedTile() && 1"), Is.EqualTo(1));
        await player.ShotAsync("path-drawn");

        // Every sample: where the page predicts the player now, where the server last put them, and the ticks.
        var trace = await player.Page.EvaluateAsync<JsonElement>(
            """
            (ms) => new Promise(resolve => {
              const rows = [];
              const until = performance.now() + ms;
              const sample = () => {
                const h = window.hyperscape;
                rows.push([h.clockTick(), h.tick(), h.predictedTile(), h.serverTile()]);
                if (performance.now() < until) setTimeout(sample, 10); else resolve(rows);
              };
              sample();
            })
            """, 4_000);
        var rows = trace.EnumerateArray().Select(r => (
            Clock: r[0].GetDouble(),
            Tick: r[1].GetInt64(),
            Predicted: (X: r[2].GetProperty("x").GetInt32(), Z: r[2].GetProperty("z").GetInt32()),
            Server: (X: r[3].GetProperty("x").GetInt32(), Z: r[3].GetProperty("z").GetInt32()))).ToList();
        var received = await player.ProbeAsync<JsonElement>("received()");

        Assert.That(rows[^1].Server, Is.EqualTo(goal), "the server walked the player to the goal");
        Assert.That(rows[^1].Predicted, Is.EqualTo(goal), "and the page agrees");
        Assert.That(received.GetProperty("corrections").GetInt32(), Is.Zero, "the server never had to correct the page");
        Assert.That(received.GetProperty("agreements").GetInt32(), Is.GreaterThan(predictedAtClick.GetProperty("agreements").GetInt32()), "server positions confirmed the walk as it went");

        // From the moment the server arrived, the page showed the same tile within one tick.
        var arrived = rows.FindIndex(r => r.Server == goal);
        var agreed = rows.FindIndex(arrived, r => r.Predicted == goal);
        Assert.That(agreed, Is.GreaterThanOrEqualTo(0));
        Assert.That(rows[agreed].Clock - rows[arrived].Clock, Is.LessThanOrEqualTo(1.0), "predicted and server tiles agree within one tick");

        // Every predicted tile is one the server reached within a tick: the page is never further off than one tick's walk.
        foreach (var row in rows)
        {
            var apart = Math.Max(Math.Abs(row.Predicted.X - row.Server.X), Math.Abs(row.Predicted.Z - row.Server.Z));
            Assert.That(apart, Is.LessThanOrEqualTo(2 * 2), $"at clock tick {row.Clock:F2} the page predicted {row.Predicted}, the server said {row.Server}");
        }
    }

    [Test]
    public async Task AttackingAnNpcShowsTheHitSplatAndTheXp()
    {
        var player = await GamePage.EnterAsync(_browser, _server.Http, "Fighter", _screenshots);
        var me = await player.ServerTileAsync();
        var chickens = (await player.EntitiesAsync()).Where(e => e.Kind == Npc && e.Type == NpcIds.Chicken && !e.Dead).ToList();
        Assert.That(chickens, Is.Not.Empty, "a chicken is in view at spawn");
        var chicken = chickens.MinBy(c => Math.Max(Math.Abs(c.X - me.X), Math.Abs(c.Z - me.Z)))!;
        var drawn = await player.ProbeAsync<JsonElement>($"drawnPosition({chicken.Id})");
        await player.ClickTileAsync(drawn.GetProperty("x").GetDouble(), drawn.GetProperty("z").GetDouble());

        await player.WaitForAsync("h.splats() > 0", 60_000);
        await player.ShotAsync("hit-splat");
        await player.WaitForAsync("h.xpDrops() > 0 && h.skills()[0].xpTenths > 0", 60_000);
        await player.ShotAsync("xp-drop");
        await player.Page.ClickAsync("#tabs button[data-tab='skills']");
        var attackRow = await player.Page.InnerTextAsync("#skills tr[data-skill='Attack']");
        await player.ShotAsync("skills-panel");
        var attackXp = (await player.ProbeAsync<JsonElement>("skills()"))[0].GetProperty("xpTenths").GetInt32() / 10;
        Assert.That(attackXp, Is.GreaterThan(0));
        Assert.That(attackRow, Does.Contain(attackXp.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), "the skills panel shows the attack XP");
    }

    [Test]
    public async Task DroppingAndPickingUpAnItem()
    {
        var player = await GamePage.EnterAsync(_browser, _server.Http, "Dropper", _screenshots);
        await player.WaitForAsync("h.inventory().length === 28");
        var first = (await player.ProbeAsync<JsonElement>("inventory()"))[0];
        var item = first.GetProperty("item").GetInt32();
        Assert.That(item, Is.GreaterThan(0), "the starter kit fills slot 0");

        await player.Page.ClickAsync("#inventory button[data-slot='0']");
        await player.Page.ClickAsync("#inventory-actions button[data-action='drop']");
        await player.WaitForAsync("h.inventory()[0].item === 0");
        await player.WaitForAsync($"h.entities().some(e => e.kind === {GroundItem} && e.type === {item})");
        await player.ShotAsync("dropped");
        var dropped = (await player.EntitiesAsync()).First(e => e.Kind == GroundItem && e.Type == item);

        await player.ClickTileAsync(dropped.X, dropped.Z);
        await player.WaitForAsync($"h.inventory().some(s => s.item === {item})");
        await player.WaitForAsync($"!h.entities().some(e => e.id === {dropped.Id})");
        await player.ShotAsync("picked-up");
        Assert.That(await player.Page.InnerTextAsync("#inventory"), Does.Contain(ItemCatalog.Standard[item].Name));
    }

    [Test]
    public async Task ADroppedConnectionResumesTheSameCharacter()
    {
        var player = await GamePage.EnterAsync(_browser, _server.Http, "Resumer", _screenshots);
        var before = await player.ServerTileAsync();
        await player.Page.EvaluateAsync("() => window.hyperscape.dropConnection()");
        await player.Page.WaitForSelectorAsync("#banner[data-state='reconnecting']:not(.hidden)");
        await player.ShotAsync("reconnecting");
        await player.Page.WaitForSelectorAsync("#banner.hidden", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await player.WaitForAsync($"h.phase() === 'world' && h.networkId() === {player.NetworkId} && h.entities().some(e => e.id === {player.NetworkId})");
        await player.ShotAsync("resumed");
        Assert.That(await player.ServerTileAsync(), Is.EqualTo(before), "the same character, where it stood");
        Assert.That(await player.Page.IsVisibleAsync("#characters"), Is.False, "no trip back through the character list");

        // And it plays on: a walk after the resume is predicted and confirmed.
        await player.ClickTileAsync(before.X + 3, before.Z);
        await player.WaitForAsync($"h.serverTile().x === {before.X + 3}");
    }
}
