using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>Real clients over loopback WebSockets playing on one real server.</summary>
[TestFixture]
[NonParallelizable]
public sealed class GameplayTests
{
    private static int _names;
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Two_players_see_each_other_move()
    {
        await using var ann = await TestClient.EnterAsync(_server.Socket, Name("Ann"));
        await using var bob = await TestClient.EnterAsync(_server.Socket, Name("Bob"));
        await bob.WaitForAsync(c => c.World!.Entities.TryGetValue(ann.NetworkId, out var e) && e.Kind == WireEntityKind.Player ? e : null, "Ann in Bob's view");
        await ann.WaitUntilAsync(c => c.World!.Entities.ContainsKey(bob.NetworkId), "Bob in Ann's view");

        await ann.ActAsync(ActionKind.Move, x: 133, z: 129);

        var seen = await bob.WaitForAsync(c => c.World!.Entities.TryGetValue(ann.NetworkId, out var e) && Near(e, 133, 129) ? e : null, "Ann arriving at (133, 129) as Bob sees her");
        Assert.That(seen.Name, Does.StartWith("Ann"));
        await ann.WaitForAsync(c => c.World!.Entities.TryGetValue(ann.NetworkId, out var e) && Near(e, 133, 129) ? e : null, "Ann seeing herself arrive");
    }

    [Test]
    public async Task Public_chat_reaches_those_nearby_and_private_chat_respects_ignores()
    {
        var annName = Name("Ann");
        var bobName = Name("Bob");
        await using var ann = await TestClient.EnterAsync(_server.Socket, annName);
        await using var bob = await TestClient.EnterAsync(_server.Socket, bobName);
        await bob.WaitUntilAsync(c => c.World!.Entities.ContainsKey(ann.NetworkId), "Ann in view");

        await ann.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Public, null, "hello everyone"));
        var heard = await bob.WaitForMessageAsync(MessageType.ChatMessage, m => m.Text(4) == "hello everyone");
        Assert.Multiple(() =>
        {
            Assert.That(heard.Long(1), Is.EqualTo((long)ChatChannel.Public));
            Assert.That(heard.Long(2), Is.EqualTo(ann.NetworkId));
            Assert.That(heard.Text(3), Is.EqualTo(annName));
        });

        await ann.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Private, bobName, "just for you"));
        var whispered = await bob.WaitForMessageAsync(MessageType.ChatMessage, m => m.Text(4) == "just for you");
        Assert.That(whispered.Long(1), Is.EqualTo((long)ChatChannel.Private));

        await bob.SendAsync(w => ClientMessages.Social(w, SocialOperation.AddIgnore, annName));
        await bob.WaitForMessageAsync(MessageType.SocialUpdate, m => m.Long(1) == (long)SocialOperation.AddIgnore && m.Text(2) == annName);
        await ann.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Private, bobName, "are you there"));

        // Ann is told what she would be told if Bob were offline; Bob never gets it.
        await ann.WaitForMessageAsync(MessageType.ChatMessage, m => m.Long(1) == (long)ChatChannel.System && m.Text(4)!.Contains(bobName, StringComparison.Ordinal));
        Assert.That(bob.Messages(MessageType.ChatMessage).Any(m => m.Text(4) == "are you there"), Is.False);

        await ann.SendAsync(w => ClientMessages.Chat(w, ChatChannel.Public, null, new string('x', 201)));
        var refused = await ann.WaitForMessageAsync(MessageType.Error, m => m.Long(1) is (long)ProtocolErrorCode.OutOfRange or (long)ProtocolErrorCode.TextTooLong);
        Assert.That(refused.Text(2), Is.Not.Empty);
    }

    [Test]
    public async Task A_player_fights_a_chicken_to_the_death_and_gains_experience()
    {
        await using var hero = await TestClient.EnterAsync(_server.Socket, Name("Hero"));
        var startXp = await hero.WaitForValueAsync(c => c.World!.Skills is { } s ? (long?)s.Sum(x => (long)x.XpTenths) : null, "own skills");
        var chicken = await hero.WaitForValueAsync(
            c => c.World!.Entities.Where(e => e.Value.Kind == WireEntityKind.Npc && e.Value.TypeId == NpcIds.Chicken && e.Value.Health > 0).Select(e => (long?)e.Key).FirstOrDefault(),
            "a live chicken in view");

        await hero.ActAsync(ActionKind.Attack, target: chicken);

        await hero.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.Damage && e.Subject == chicken && e.Other == hero.NetworkId), "the hero swinging at the chicken");
        await hero.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.Died && e.Subject == chicken), "the chicken dying", TimeSpan.FromSeconds(60));
        var endXp = await hero.WaitForValueAsync(c => c.World!.Skills!.Sum(x => (long)x.XpTenths) is var xp && xp > startXp ? (long?)xp : null, "experience for the kill");
        Assert.That(endXp - startXp, Is.GreaterThanOrEqualTo(3 * 40 + 3 * 13), "3 HP of damage is worth 4 XP each plus 1.33 constitution XP each");
    }

    [Test]
    public async Task Two_players_trade_and_the_result_is_durable_before_they_see_it()
    {
        await using var ann = await TestClient.EnterAsync(_server.Socket, Name("Ann"));
        await using var bob = await TestClient.EnterAsync(_server.Socket, Name("Bob"));
        var coinsSlot = await ann.WaitForValueAsync(c => c.World!.Inventory is { } inv ? (int?)Array.FindIndex(inv, s => s.ItemId == ItemIds.Coins) : null, "Ann's inventory");
        Assert.That(ann.World!.Inventory![coinsSlot].Quantity, Is.EqualTo(25));

        await ann.ActAsync(ActionKind.TradeRequest, target: bob.NetworkId);
        await bob.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.TradeRequested && e.Subject == ann.NetworkId), "Bob being asked");
        await bob.ActAsync(ActionKind.TradeRequest, target: ann.NetworkId);
        await ann.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.TradeOpened), "the trade screen");

        await ann.ActAsync(ActionKind.TradeOffer, slot: coinsSlot, quantity: 10);
        await bob.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.TradeUpdated), "Ann's offer");
        await ann.ActAsync(ActionKind.TradeAccept);
        await bob.ActAsync(ActionKind.TradeAccept);
        await ann.WaitUntilAsync(c => c.World!.Events.Any(e => e.Kind == GameEventKind.TradeUpdated && e.A == 2), "the confirmation screen");
        await ann.ActAsync(ActionKind.TradeAccept);
        await bob.ActAsync(ActionKind.TradeAccept);

        var completed = await ann.WaitForValueAsync(c => c.World!.Events.FirstOrDefault(e => e.Kind == GameEventKind.TradeCompleted) is { Kind: GameEventKind.TradeCompleted } e ? (GameEvent?)e : null, "the trade completing");
        Assert.That(completed.Transaction, Is.Not.Zero);
        await ann.WaitUntilAsync(c => Coins(c) == 15, "Ann holding 15 coins");
        await bob.WaitUntilAsync(c => Coins(c) == 35, "Bob holding 35 coins");

        // The client saw the new inventory only after the trade committed: the database has it now.
        var stored = await _server.Store.LoadAsync(ann.CharacterId);
        Assert.That(StoredCoins(stored!), Is.EqualTo(15));
        var bobStored = await _server.Store.LoadAsync(bob.CharacterId);
        Assert.That(StoredCoins(bobStored!), Is.EqualTo(35));
    }

    [Test]
    public async Task A_dropped_player_resumes_the_same_entity_with_a_full_resync()
    {
        var ann = await TestClient.EnterAsync(_server.Socket, Name("Ann"));
        var networkId = ann.NetworkId;
        var token = ann.ResumeToken!;
        await ann.WaitForAsync(c => c.World!.Inventory, "Ann's inventory");
        await ann.ActAsync(ActionKind.Move, x: 125, z: 130);
        await ann.WaitForAsync(c => c.World!.Entities.TryGetValue(networkId, out var e) && Near(e, 125, 130) ? e : null, "Ann walking");
        var online = _server.Loop.Online;
        ann.Abort();
        await ann.DisposeAsync();

        await using var again = await TestClient.ConnectAsync(_server.Socket);
        await again.HelloAsync(resume: token);
        var entered = await again.WaitForMessageAsync(MessageType.EnteredWorld);
        Assert.That(entered.Long(1), Is.EqualTo(networkId), "the same entity continues");

        var self = await again.WaitForAsync(c => c.World!.Entities.TryGetValue(networkId, out var e) ? e : null, "a fresh spawn of itself");
        await again.WaitForAsync(c => c.World!.Inventory, "a fresh copy of its inventory");
        Assert.Multiple(() =>
        {
            Assert.That(Near(self, 125, 130), Is.True, "it is where it was");
            Assert.That(_server.Loop.Online, Is.EqualTo(online), "no second copy entered the world");
        });
    }

    [Test]
    public async Task A_character_of_another_account_cannot_be_selected()
    {
        await using var owner = await TestClient.EnterAsync(_server.Socket, Name("Own"));
        await using var thief = await TestClient.ConnectAsync(_server.Socket);
        await thief.HelloAsync();
        await thief.SendAsync(w => ClientMessages.SelectCharacter(w, owner.CharacterId));
        var refused = await thief.WaitForMessageAsync(MessageType.Error);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Long(1), Is.EqualTo((long)ProtocolErrorCode.Unauthorized));
            Assert.That(thief.Messages(MessageType.EnteredWorld), Is.Empty);
        });
    }

    [Test]
    public async Task A_browser_client_plays_in_json()
    {
        await using var web = await TestClient.EnterAsync(_server.Socket, Name("Web"), json: true);
        await web.WaitUntilAsync(c => c.World!.Entities.ContainsKey(web.NetworkId), "its own spawn, in JSON");
        await web.ActAsync(ActionKind.Move, x: 130, z: 126);
        await web.WaitForAsync(c => c.World!.Entities.TryGetValue(web.NetworkId, out var e) && Near(e, 130, 126) ? e : null, "moving, in JSON");
    }

    [Test]
    public async Task Voice_requests_are_answered_disabled_without_livekit()
    {
        await using var ann = await TestClient.EnterAsync(_server.Socket, Name("Ann"));
        await ann.SendAsync(ClientMessages.RequestVoiceToken);
        var answer = await ann.WaitForMessageAsync(MessageType.VoiceToken);
        Assert.That(answer.Flag(1), Is.False);
    }

    private static int Coins(TestClient client) =>
        client.World!.Inventory?.Where(s => s.ItemId == ItemIds.Coins).Sum(s => s.Quantity) ?? -1;

    private static int StoredCoins(Ecs.Persistence.StoredCharacter character)
    {
        var total = 0;
        foreach (var stack in character.State.Inventory.Slots)
        {
            total += stack.ItemId == ItemIds.Coins ? stack.Quantity : 0;
        }

        return total;
    }

    private static bool Near(Sync.ClientEntity entity, float x, float z) => Math.Abs(entity.X - x) < 0.15f && Math.Abs(entity.Z - z) < 0.15f;

    private static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";
}
