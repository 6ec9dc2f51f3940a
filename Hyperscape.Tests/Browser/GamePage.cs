using System.Text.Json;
using Microsoft.Playwright;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// One player in a browser tab: logs in through the page as a person would and reads what the
/// page shows through <c>window.hyperscape</c>, the client's read-only probe.
/// </summary>
internal sealed class GamePage(IPage page, string name, string screenshots)
{
    private int _shots;

    public IPage Page { get; } = page;

    public string Name { get; } = name;

    public long NetworkId { get; private set; }

    /// <summary>
    /// Opens the game in a new browser context, logs in (with <paramref name="token"/> pasted in
    /// the Privy field, or anonymously), creates the character <paramref name="name"/> unless the
    /// account has it, and enters the world with it.
    /// </summary>
    public static async Task<GamePage> EnterAsync(IBrowser browser, Uri server, string name, string screenshots, string? token = null, string query = "")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        var page = await context.NewPageAsync();
        var game = new GamePage(page, name, screenshots);
        page.PageError += (_, error) => TestContext.Progress.WriteLine($"[{name}] page error: {error}");
        await page.GotoAsync(new Uri(server, query).ToString());
        if (token is not null)
        {
            await page.FillAsync("#token", token);
        }

        await page.ClickAsync("#play");
        try
        {
            await page.WaitForSelectorAsync("#characters:not(.hidden)", new PageWaitForSelectorOptions { Timeout = 15_000 });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{name}: the character list never showed. The page: {await game.DescribeAsync()}", timeout);
        }

        var existing = page.Locator($"#character-list button:has-text('{name}')");
        if (await existing.CountAsync() == 0)
        {
            await page.FillAsync("#new-name", name);
            await page.ClickAsync("#create-form button");
        }

        try
        {
            await existing.ClickAsync(new LocatorClickOptions { Timeout = 15_000 });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{name}: no character to select. The page: {await game.DescribeAsync()}", timeout);
        }
        await page.WaitForFunctionAsync("() => window.hyperscape && window.hyperscape.phase() === 'world' && window.hyperscape.entities().some(e => e.id === window.hyperscape.networkId())");
        game.NetworkId = await page.EvaluateAsync<long>("() => window.hyperscape.networkId()");
        await game.ShotAsync("in-world");
        return game;
    }

    public async Task ShotAsync(string step)
    {
        Directory.CreateDirectory(screenshots);
        var file = Path.Combine(screenshots, $"{++_shots:00}-{Name}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        TestContext.AddTestAttachment(file, $"{Name}: {step}");
    }

    public Task<T> ProbeAsync<T>(string expression) => Page.EvaluateAsync<T>($"() => window.hyperscape.{expression}");

    public async Task<(int X, int Z)> ServerTileAsync()
    {
        var tile = await ProbeAsync<JsonElement>("serverTile()");
        return (tile.GetProperty("x").GetInt32(), tile.GetProperty("z").GetInt32());
    }

    public async Task<(int X, int Z)> PredictedTileAsync()
    {
        var tile = await ProbeAsync<JsonElement>("predictedTile()");
        return (tile.GetProperty("x").GetInt32(), tile.GetProperty("z").GetInt32());
    }

    public async Task<List<SeenEntity>> EntitiesAsync()
    {
        var entities = await ProbeAsync<JsonElement>("entities()");
        return [.. entities.EnumerateArray().Select(e => new SeenEntity(
            e.GetProperty("id").GetInt64(),
            e.GetProperty("kind").GetInt32(),
            e.GetProperty("name").GetString() ?? string.Empty,
            e.GetProperty("type").GetInt32(),
            e.GetProperty("x").GetDouble(),
            e.GetProperty("z").GetDouble(),
            e.GetProperty("dead").GetBoolean()))];
    }

    /// <summary>
    /// Drops the item in inventory <paramref name="slot"/> through the panel and returns the new
    /// ground item as <paramref name="seenBy"/> sees it: told apart by id from the world's own
    /// items of the same kind, which may lie nearby.
    /// </summary>
    public async Task<SeenEntity> DropAsync(int slot, GamePage seenBy)
    {
        const int GroundItem = 3;
        var item = (await ProbeAsync<JsonElement>("inventory()"))[slot].GetProperty("item").GetInt32();
        var before = (await seenBy.EntitiesAsync()).Where(e => e.Kind == GroundItem).Select(e => e.Id).ToList();
        await Page.ClickAsync($"#inventory button[data-slot='{slot}']");
        await Page.ClickAsync("#inventory-actions button[data-action='drop']");
        await seenBy.WaitForAsync($"h.entities().some(e => e.kind === {GroundItem} && e.type === {item} && ![{string.Join(',', before)}].includes(e.id))");
        return (await seenBy.EntitiesAsync()).Single(e => e.Kind == GroundItem && e.Type == item && !before.Contains(e.Id));
    }

    /// <summary>Clicks the canvas at the centre of a tile, as drawn now.</summary>
    public async Task ClickTileAsync(double x, double z)
    {
        var point = await Page.EvaluateAsync<JsonElement>("([x, z]) => window.hyperscape.screenOf(x, z)", new[] { x, z });
        var canvas = await Page.QuerySelectorAsync("#world");
        var box = (await canvas!.BoundingBoxAsync())!;
        await Page.Mouse.ClickAsync(box.X + point.GetProperty("x").GetSingle(), box.Y + point.GetProperty("y").GetSingle());
    }

    public async Task WaitForAsync(string condition, float timeoutMs = 30_000)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => {{ const h = window.hyperscape; return {condition}; }}", null, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 25 });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{Name}: waited {timeoutMs} ms for {condition}. The page: {await DescribeAsync()}", timeout);
        }
    }

    /// <summary>What the page shows, for a failure message.</summary>
    public async Task<string> DescribeAsync()
    {
        try
        {
            return await Page.EvaluateAsync<string>(
                """
                () => JSON.stringify({
                  login: document.getElementById('login-status')?.textContent,
                  banner: document.getElementById('banner')?.textContent,
                  phase: window.hyperscape?.phase(),
                  server: window.hyperscape?.serverTile(),
                  chat: window.hyperscape?.chat().slice(-8),
                  entities: window.hyperscape?.entities().filter(e => e.kind !== 2).slice(0, 12),
                })
                """);
        }
        catch (PlaywrightException error)
        {
            return $"(unreadable: {error.Message})";
        }
    }
}
