using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;
using Microsoft.Playwright;

namespace Hyperscape.Tests.Browser;

/// <summary>
/// The browser client the host serves, played in headless Chromium against a real server: two
/// players see each other walk and chat, one fights, one casts, one drops and picks up, one dies and
/// loots its gravestone, one loses its connection and comes back. Each step's screenshot is kept under TestResults/browser.
/// </summary>
public sealed class BrowserClientTests : BrowserFixture
{
    private const int Npc = 2;
    private const int GroundItem = 3;
    private const int Resource = 4;
    private const int WorldObject = 5;
    private const int Gravestone = 6;

    [Test]
    public async Task TwoPlayersSeeEachOtherWalkAndChat()
    {
        var alice = await GamePage.EnterAsync(Browser, Server.Http, "Alice", Screenshots);
        var bob = await GamePage.EnterAsync(Browser, Server.Http, "Bob", Screenshots);
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
              const frame = (t) => {
                const at = window.hyperscape.drawnPosition(id);
                if (at) samples.push([at.x, at.z, t]);
                if (performance.now() < until) requestAnimationFrame(frame); else resolve(samples);
              };
              requestAnimationFrame(frame);
            })
            """, new object[] { alice.NetworkId, 4_000 });
        await alice.ClickTileAsync(goal.X, goal.Z);
        await alice.ShotAsync("walking");
        var drawn = (await samples).EnumerateArray().Select(s => (X: s[0].GetDouble(), Z: s[1].GetDouble(), At: s[2].GetDouble())).ToList();
        await bob.ShotAsync("sees-alice-walk");

        Assert.That(await alice.ServerTileAsync(), Is.EqualTo(goal), "Alice reached the tile she clicked");
        Assert.That(drawn, Has.Count.GreaterThan(30), "Bob's page drew frames while Alice walked");
        Assert.That(drawn[^1].X, Is.EqualTo(goal.X).Within(0.01), "Bob sees Alice arrive");
        Assert.That(drawn[^1].Z, Is.EqualTo(goal.Z).Within(0.01));
        // A walker covers at most 2 tiles a tick; between two drawn frames it may move what the
        // time between them allows (a frame the busy test machine delayed allows more), never more.
        const double TickMs = 300;
        var excess = drawn.Zip(drawn.Skip(1), (a, b) => Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Z - a.Z)) - (2 * Math.Max(1, (b.At - a.At) / TickMs))).ToList();
        var worst = excess.IndexOf(excess.Max());
        Assert.That(excess.Max(), Is.LessThanOrEqualTo(0),
            $"no jump larger than a tick's walk (2 tiles); around the largest: {string.Join(" ", drawn.Skip(Math.Max(0, worst - 3)).Take(7).Select(d => $"({d.X:F2},{d.Z:F2} at {d.At:F0} ms)"))}");
        var stepsPerFrame = drawn.Zip(drawn.Skip(1), (a, b) => Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Z - a.Z))).Where(d => d > 0).Order().ToList();
        Assert.That(stepsPerFrame[stepsPerFrame.Count / 2], Is.LessThan(0.5), "a typical frame moves her a fraction of a tile: she glides");
        Assert.That(drawn.Select(d => (d.X, d.Z)).Distinct().Count(), Is.GreaterThan(10), "Alice glides through in-between positions, not tile to tile");

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
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Walker", Screenshots);
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
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Fighter", Screenshots);
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
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Dropper", Screenshots);
        await player.WaitForAsync("h.inventory().length === 28");
        var first = (await player.ProbeAsync<JsonElement>("inventory()"))[0];
        var item = first.GetProperty("item").GetInt32();
        Assert.That(item, Is.GreaterThan(0), "the starter kit fills slot 0");

        var at = await player.ServerTileAsync();
        var dropped = await player.DropAsync(0, seenBy: player);
        await player.WaitForAsync("h.inventory()[0].item === 0");
        await player.ShotAsync("dropped");
        Assert.That((dropped.X, dropped.Z), Is.EqualTo(((double)at.X, (double)at.Z)), "dropped where the player stands");

        await player.ClickTileAsync(dropped.X, dropped.Z);
        await player.WaitForAsync($"h.inventory().some(s => s.item === {item})");
        await player.WaitForAsync($"!h.entities().some(e => e.id === {dropped.Id})");
        await player.ShotAsync("picked-up");
        Assert.That(await player.Page.InnerTextAsync("#inventory"), Does.Contain(ItemCatalog.Standard[item].Name));
    }

    [Test]
    public async Task ClickingARockMinesOreIntoTheInventory()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Miner", Screenshots);
        var copper = ResourceCatalog.Standard.All.Single(r => r.Key == "copper_rock").Id;
        await player.WaitForAsync($"h.entities().some(e => e.kind === {Resource} && e.type === {copper})");
        var me = await player.ServerTileAsync();
        var rock = (await player.EntitiesAsync()).Where(e => e.Kind == Resource && e.Type == copper).MinBy(r => Math.Max(Math.Abs(r.X - me.X), Math.Abs(r.Z - me.Z)))!;
        await player.ShotAsync("rocks-in-view");

        await player.ClickTileAsync(rock.X, rock.Z);
        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.CopperOre})", 60_000);
        await player.ShotAsync("ore-mined");
        var tile = await player.ServerTileAsync();
        Assert.That(Math.Max(Math.Abs(tile.X - rock.X), Math.Abs(tile.Z - rock.Z)), Is.EqualTo(1), "the server walked the miner beside the rock");
        Assert.That(await player.ProbeAsync<string[]>("chat()"), Does.Contain("You get some copper ore."));
        Assert.That(await player.Page.InnerTextAsync("#inventory"), Does.Contain("Copper ore"));
    }

    [Test]
    public async Task ABoothOpensTheBankAndItemsGoInAndComeOut()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Banker", Screenshots);
        await player.WaitForAsync($"h.entities().some(e => e.kind === {WorldObject} && e.type === 1)");
        var booth = (await player.EntitiesAsync()).First(e => e.Kind == WorldObject && e.Type == (int)WorldObjectKind.BankBooth);
        await player.ClickTileAsync(booth.X, booth.Z);
        await player.WaitForAsync("!document.getElementById('bank-panel').classList.contains('hidden')", 60_000);
        var tile = await player.ServerTileAsync();
        Assert.That(Math.Max(Math.Abs(tile.X - booth.X), Math.Abs(tile.Z - booth.Z)), Is.LessThanOrEqualTo(2), "walked within two tiles, then the bank opened");
        await player.ShotAsync("bank-open");

        var coins = await player.ProbeAsync<int>($"inventory().findIndex(s => s.item === {ItemIds.Coins})");
        await player.Page.ClickAsync($"#inventory button[data-slot='{coins}']");
        await player.Page.ClickAsync("#inventory-actions button[data-action='deposit-all']");
        await player.WaitForAsync($"!h.inventory().some(s => s.item === {ItemIds.Coins})");
        await player.WaitForAsync("document.querySelector('#bank button[data-bank-slot]') !== null");
        Assert.That(await player.Page.InnerTextAsync("#bank"), Does.Contain("Coins ×25"));
        await player.ShotAsync("coins-banked");

        await player.Page.ClickAsync("#bank button[data-bank-slot='0']");
        await player.Page.ClickAsync("#bank-actions button[data-bank='withdraw-5']");
        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.Coins} && s.quantity === 5)");
        Assert.That(await player.Page.InnerTextAsync("#bank"), Does.Contain("Coins ×20"));
        await player.Page.ClickAsync("#bank-actions button[data-bank='close']");
        await player.WaitForAsync("document.getElementById('bank-panel').classList.contains('hidden')");
        await player.ShotAsync("bank-closed");
    }

    [Test]
    public async Task TalkingToTheShopkeeperBuysAndSells()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Customer", Screenshots);
        await OpenShopAsync(player, NpcIds.Shopkeeper);
        Assert.That(await player.Page.InnerTextAsync("#shop-title"), Is.EqualTo("General Store"));
        Assert.That(await player.Page.InnerTextAsync("#shop"), Does.Contain("Bronze axe ×5 · 16 gp"));
        await player.ShotAsync("shop-open");

        await player.Page.ClickAsync("#shop button:has-text('Bronze axe')");
        await player.Page.ClickAsync("#shop-actions button[data-shop='buy-1']");
        await player.WaitForAsync($"h.inventory().filter(s => s.item === {ItemIds.BronzeAxe}).length === 2");
        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.Coins} && s.quantity === 9)");
        Assert.That(await player.Page.InnerTextAsync("#shop"), Does.Contain("Bronze axe ×4"));

        var shrimps = await player.ProbeAsync<int>($"inventory().findIndex(s => s.item === {ItemIds.Shrimps})");
        await player.Page.ClickAsync($"#inventory button[data-slot='{shrimps}']");
        await player.Page.ClickAsync("#inventory-actions button[data-action='sell-1']");
        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.Coins} && s.quantity === 11)");
        await player.ShotAsync("bought-and-sold");
        Assert.That(await player.Page.InnerTextAsync("#shop"), Does.Contain("Shrimps ×21"));
    }

    [Test]
    public async Task BuyingFromTheSmithThenSmithingADaggerAtTheAnvil()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Smith", Screenshots);
        await OpenShopAsync(player, NpcIds.Smith);
        Assert.That(await player.Page.InnerTextAsync("#shop-title"), Is.EqualTo("Smithing Supplies"));
        foreach (var (name, item) in new[] { ("Hammer", ItemIds.Hammer), ("Bronze bar", ItemIds.BronzeBar) })
        {
            await player.Page.ClickAsync($"#shop button:has-text('{name}')");
            await player.Page.ClickAsync("#shop-actions button[data-shop='buy-1']");
            await player.WaitForAsync($"h.inventory().some(s => s.item === {item})");
        }

        await player.Page.ClickAsync("#shop-actions button[data-shop='close']");
        var anvil = (await player.EntitiesAsync()).First(e => e.Kind == WorldObject && e.Type == (int)WorldObjectKind.Anvil);
        await player.ClickTileAsync(anvil.X, anvil.Z);
        await player.WaitForAsync($"document.querySelector('#make-actions button[data-make=\"{ItemIds.BronzeDagger}\"]') !== null", 60_000);
        await player.ShotAsync("beside-the-anvil");
        await player.Page.ClickAsync($"#make-actions button[data-make='{ItemIds.BronzeDagger}']");
        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.BronzeDagger})", 30_000);
        await player.ShotAsync("dagger-smithed");
        await player.WaitForAsync("h.chat().includes('You make bronze dagger.')");
        Assert.That(await player.Page.InnerTextAsync("#inventory"), Does.Contain("Bronze dagger").And.Not.Contain("Bronze bar"));
    }

    [Test]
    public async Task ADeathLeavesAGravestoneTheOwnerLootsByClickingIt()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Mortal", Screenshots);
        await player.WaitForAsync("h.inventory().filter(s => s.item > 0).length >= 4");
        var kit = (await player.ProbeAsync<JsonElement>("inventory()")).EnumerateArray().Select(s => s.GetProperty("item").GetInt32()).Where(i => i > 0).Order().ToList();
        var me = await player.ServerTileAsync();
        await player.ClickTileAsync(me.X + 3, me.Z);
        await player.WaitForAsync($"h.serverTile().x === {me.X + 3}");

        // The death itself is the server's: nothing a client says can kill its player.
        var victim = player.NetworkId;
        Server.Loop.Post(() =>
        {
            Server.Loop.Simulation.TryResolve(victim, out var entity);
            Server.Loop.Simulation.World.Get<Ecs.Game.Components.Health>(entity).Current = 0;
        });
        await player.WaitForAsync($"h.entities().some(e => e.kind === {Gravestone})", 30_000);
        await player.WaitForAsync("h.chat().some(l => l.startsWith('Your items are in a gravestone where you died.'))");
        await player.WaitForAsync("h.inventory().every(s => s.item === 0)");
        await player.WaitForAsync("h.chat().includes('You wake up in town.')", 30_000);
        await player.ShotAsync("gravestone");

        var grave = (await player.EntitiesAsync()).Single(e => e.Kind == Gravestone);
        Assert.That((grave.X, grave.Z), Is.EqualTo(((double)me.X + 3, (double)me.Z)), "where the player fell");
        await player.ClickTileAsync(grave.X, grave.Z);
        await player.WaitForAsync($"!h.entities().some(e => e.kind === {Gravestone})", 30_000);
        await player.WaitForAsync("h.chat().includes('You take the last of your items from your gravestone.')");
        await player.ShotAsync("looted");
        var back = (await player.ProbeAsync<JsonElement>("inventory()")).EnumerateArray().Select(s => s.GetProperty("item").GetInt32()).Where(i => i > 0).Order().ToList();
        Assert.That(back, Is.EqualTo(kit), "everything came back");
    }

    [Test]
    public async Task CastingWindStrikeFromTheCombatPanelUsesRunesAndTrainsMagic()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Caster", Screenshots);
        await player.WaitForAsync("h.inventory().length === 28");
        var caster = player.NetworkId;
        Server.Loop.Post(() =>
        {
            Server.Loop.Simulation.TryResolve(caster, out var entity);
            ref var inventory = ref Server.Loop.Simulation.World.Get<Ecs.Game.Components.Inventory>(entity);
            InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.AirRune], 10);
            InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.MindRune], 10);
        });
        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.MindRune} && s.quantity === 10)");

        await player.Page.ClickAsync("#tabs button[data-tab='combat']");
        await player.Page.ClickAsync("#combat button:has-text('Wind Strike (1)')");
        await player.ShotAsync("spell-armed");
        var me = await player.ServerTileAsync();
        var chicken = (await player.EntitiesAsync()).Where(e => e.Kind == Npc && e.Type == NpcIds.Chicken && !e.Dead)
            .MinBy(c => Math.Max(Math.Abs(c.X - me.X), Math.Abs(c.Z - me.Z)))!;
        var drawn = await player.ProbeAsync<JsonElement>($"drawnPosition({chicken.Id})");
        await player.ClickTileAsync(drawn.GetProperty("x").GetDouble(), drawn.GetProperty("z").GetDouble());

        await player.WaitForAsync($"h.inventory().some(s => s.item === {ItemIds.MindRune} && s.quantity === 9)", 60_000);
        await player.WaitForAsync("h.skills()[5].xpTenths >= 55", 30_000);
        await player.ShotAsync("cast");
        Assert.That((await player.ProbeAsync<JsonElement>("inventory()")).EnumerateArray().Single(s => s.GetProperty("item").GetInt32() == ItemIds.AirRune).GetProperty("quantity").GetInt32(), Is.EqualTo(9), "one air rune");
    }

    /// <summary>Clicks where the shopkeeper of that type is drawn (it wanders, so not its tile) and waits for its shop to open.</summary>
    private static async Task OpenShopAsync(GamePage player, int keeperType)
    {
        await player.WaitForAsync($"h.entities().some(e => e.kind === {Npc} && e.type === {keeperType})");
        var keeper = (await player.EntitiesAsync()).First(e => e.Kind == Npc && e.Type == keeperType);
        var drawn = await player.ProbeAsync<JsonElement>($"drawnPosition({keeper.Id})");
        await player.ClickTileAsync(drawn.GetProperty("x").GetDouble(), drawn.GetProperty("z").GetDouble());
        await player.WaitForAsync("!document.getElementById('shop-panel').classList.contains('hidden')", 60_000);
    }

    [Test]
    public async Task ADroppedConnectionResumesTheSameCharacter()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Resumer", Screenshots);
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

    [Test]
    public async Task FriendsPrivateChatSystemMessagesAndRefusalsInWords()
    {
        var alice = await GamePage.EnterAsync(Browser, Server.Http, "Alice", Screenshots);

        // Bob plays over JSON text frames, the debugging encoding: the same game.
        var bob = await GamePage.EnterAsync(Browser, Server.Http, "Bob", Screenshots, query: "?json");

        foreach (var (page, other) in new[] { (alice, "Bob"), (bob, "Alice") })
        {
            await page.Page.PressAsync("body", "5");
            await page.Page.FillAsync("#friend-name", other);
            await page.Page.ClickAsync("#friend-form button[value='friend']");
        }

        await alice.Page.WaitForSelectorAsync("#friends li.online[data-name='Bob']");
        await bob.Page.WaitForSelectorAsync("#friends li.online[data-name='Alice']");
        await alice.ShotAsync("friend-online");

        await alice.Page.FillAsync("#chat-input", "/w Bob psst");
        await alice.Page.PressAsync("#chat-input", "Enter");
        await bob.WaitForAsync("h.chat().includes('Alice: psst')");
        Assert.That(await bob.Page.Locator("#chat-log li.chat-private").AllInnerTextsAsync(), Does.Contain("Alice: psst"));

        await alice.Page.FillAsync("#chat-input", "/w Nobody hello?");
        await alice.Page.PressAsync("#chat-input", "Enter");
        await alice.WaitForAsync("h.chat().some(l => l.includes('Nobody is not online'))");
        await alice.ShotAsync("system-message");

        // Alice drops her sword at her feet; Bob, beside her, may not take it yet.
        await alice.Page.PressAsync("body", "1");
        var dropped = await alice.DropAsync(0, seenBy: bob);
        await bob.ClickTileAsync(dropped.X, dropped.Z);
        await bob.WaitForAsync("h.chat().some(l => l.startsWith('Cannot pick up:'))");
        await bob.ShotAsync("refused-in-words");
        Assert.That(await bob.Page.InnerTextAsync("#chat-log"), Does.Contain("Cannot pick up: That item is not yours yet."));
    }

    [Test]
    public async Task TheKeyboardRunsStepsAndOpensPanels()
    {
        var player = await GamePage.EnterAsync(Browser, Server.Http, "Keys", Screenshots);
        var start = await player.ServerTileAsync();
        await player.Page.PressAsync("body", "r");
        Assert.That(await player.Page.GetAttributeAsync("#run-toggle", "aria-pressed"), Is.EqualTo("true"));
        await player.Page.PressAsync("body", "ArrowRight");
        await player.WaitForAsync($"h.serverTile().x === {start.X + 1} && h.serverTile().z === {start.Z}");
        await player.Page.PressAsync("body", "3");
        Assert.That(await player.Page.IsVisibleAsync("#panel-skills"), Is.True);
        Assert.That(await player.Page.IsVisibleAsync("#panel-inventory"), Is.False);
        await player.Page.PressAsync("body", "Enter");
        Assert.That(await player.Page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("chat-input"));
        await player.ShotAsync("keyboard");

        // Readable at 1920×1080 too: the canvas takes the room, the sidebar keeps its width.
        await player.Page.SetViewportSizeAsync(1920, 1080);
        await player.Page.WaitForTimeoutAsync(200);
        var canvas = (await (await player.Page.QuerySelectorAsync("#world"))!.BoundingBoxAsync())!;
        var sidebar = (await (await player.Page.QuerySelectorAsync("#sidebar"))!.BoundingBoxAsync())!;
        Assert.That(canvas.Width + sidebar.Width, Is.EqualTo(1920).Within(2));
        Assert.That(canvas.Height, Is.EqualTo(1080).Within(2));
        Assert.That(sidebar.Width, Is.InRange(300, 360));
        await player.WaitForAsync("h.received().sync > 0 && document.getElementById('hud-health').textContent.includes('ping')", 15_000);
        await player.ShotAsync("1920x1080");
    }

    [Test]
    public async Task TheDashboardPlotsWhatStatsReports()
    {
        await GamePage.EnterAsync(Browser, Server.Http, "Online", Screenshots);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Server.Http, "/dashboard").ToString());
        await page.WaitForFunctionAsync("() => document.querySelector('[data-stat=\"online\"] b')?.textContent === '1'");

        // Rates need two snapshots; wait for a few points on the charts.
        await page.WaitForTimeoutAsync(3_000);
        var charts = await page.Locator(".chart").CountAsync();
        var canvases = await page.Locator(".chart canvas").CountAsync();
        var path = Path.Combine(Screenshots, "dashboard.png");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, "dashboard");
        Assert.That(charts, Is.EqualTo(6), "tick, frame, players, traffic, saves/rejections/drops, memory");
        Assert.That(canvases, Is.GreaterThanOrEqualTo(6));
        var legend = await page.InnerTextAsync("#charts");
        Assert.That(legend, Does.Contain("p99").And.Contain("saves pending").And.Contain("working set"));
        Assert.That(await page.InnerTextAsync("#status"), Does.StartWith("updated"));
    }
}
