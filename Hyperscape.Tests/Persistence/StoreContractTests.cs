using System.Data.Common;
using Dapper;
using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Hyperscape.Tests.Persistence;

/// <summary>The behaviour every store must have, run against each engine by the fixtures below.</summary>
public abstract class StoreContractTests(DatabaseEngine engine)
{
    private StoreFixture _fixture = null!;

    private SqlGameStore Store => _fixture.Store;

    /// <summary>Creates a character under a cap no test reaches; null when the name is taken.</summary>
    private async Task<StoredCharacter?> CreateCharacterAsync(long accountId, CharacterState state) =>
        (await Store.CreateAsync(accountId, state, maxCharacters: 1_000)).Character;

    [SetUp]
    public async Task CreateDatabase() => _fixture = await StoreFixture.CreateAsync(engine);

    [TearDown]
    public async Task DropDatabase() => await _fixture.DisposeAsync();

    [Test]
    public async Task Migrations_apply_once_and_a_newer_database_is_refused()
    {
        Assert.That(await _fixture.Migrator.CurrentVersionAsync(), Is.EqualTo(_fixture.Migrator.LatestVersion));
        Assert.That(await _fixture.Migrator.MigrateAsync(), Is.Empty, "nothing left to apply");

        await using (var connection = await _fixture.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (version) VALUES (99)");
        }

        var refused = await Assert.ThrowsAsync<DatabaseTooNewException>(() => _fixture.Migrator.MigrateAsync());
        Assert.That(refused!.Message, Does.Contain("version 99").And.Contain("newer server"));
    }

    [Test]
    public async Task An_account_holds_at_most_its_cap_of_characters_even_when_created_at_once()
    {
        var account = await Store.CreateAnonymousAsync("a");
        Assert.That((await Store.CreateAsync(account.Id, New("first"), maxCharacters: 3)).Outcome, Is.EqualTo(CharacterCreationOutcome.Created));

        // Eight creations race for the two places left: exactly two win, whatever the interleaving.
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.CreateAsync(account.Id, New($"racer{i}"), maxCharacters: 3))));
        Assert.Multiple(async () =>
        {
            Assert.That(racing.Count(r => r.Outcome == CharacterCreationOutcome.Created), Is.EqualTo(2));
            Assert.That(racing.Count(r => r.Outcome == CharacterCreationOutcome.LimitReached), Is.EqualTo(6));
            Assert.That(await Store.ListAsync(account.Id), Has.Count.EqualTo(3));
            Assert.That((await Store.CreateAsync(account.Id, New("late"), maxCharacters: 3)).Outcome, Is.EqualTo(CharacterCreationOutcome.LimitReached));
        });
    }

    [Test]
    public async Task An_anonymous_account_is_stored_only_with_its_first_character()
    {
        var taken = (await CreateCharacterAsync((await Store.CreateAnonymousAsync("owner")).Id, New("Taken")))!;
        await using var connection = await _fixture.Connections.OpenAsync();
        var accountsBefore = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users");

        var refused = await Store.CreateWithNewAccountAsync("guest", New("taken"));
        Assert.That(refused.Outcome, Is.EqualTo(CharacterCreationOutcome.NameTaken));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(accountsBefore), "a refused name leaves no account behind");

        var created = await Store.CreateWithNewAccountAsync("guest", New("Fresh"));
        Assert.That(created.Outcome, Is.EqualTo(CharacterCreationOutcome.Created));
        Assert.That(created.Character!.AccountId, Is.Not.EqualTo(taken.AccountId));
        Assert.That((await Store.FindAsync(created.Character.AccountId))!.PrivyUserId, Is.Null);
        Assert.That((await Store.ListAsync(created.Character.AccountId)).Select(c => c.Name), Is.EqualTo(new[] { "Fresh" }));
    }

    [Test]
    public async Task Privy_accounts_are_created_once_and_anonymous_ones_every_time()
    {
        var first = await Store.GetOrCreateByPrivyUserAsync("did:privy:abc", "alice");
        var again = await Store.GetOrCreateByPrivyUserAsync("did:privy:abc", "renamed");
        var anonymous = await Store.CreateAnonymousAsync("guest");
        var another = await Store.CreateAnonymousAsync("guest");

        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That(first.PrivyUserId, Is.EqualTo("did:privy:abc"));
        Assert.That(anonymous.Id, Is.Not.EqualTo(another.Id));
        Assert.That(anonymous.PrivyUserId, Is.Null);
        Assert.That((await Store.FindAsync(first.Id))!.Name, Is.EqualTo("alice"));
        Assert.That(await Store.FindAsync(9_999), Is.Null);
    }

    [Test]
    public async Task A_character_round_trips_with_skills_items_and_preferences()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var skills = Skills.Starting();
        skills.AddXp(Skill.Mining, 1_010_000);
        var inventory = default(Inventory);
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Coins], 1234);
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Lobster], 3);
        var equipment = default(Equipment);
        equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.IronSword, 1);
        var state = new CharacterState
        {
            CharacterId = 0,
            Name = "Zezima",
            Position = new Position(130.5f, 0, 127),
            Health = new Health(7, 10),
            Skills = skills,
            Inventory = inventory,
            Equipment = equipment,
            AttackStyle = AttackStyle.Aggressive,
            AutoRetaliate = false,
            Running = true,
        };

        var created = await CreateCharacterAsync(account.Id, state);
        var loaded = await Store.LoadAsync(created!.Id);

        Assert.That(loaded, Is.Not.Null);
        AssertSameState(loaded!.State, state with { CharacterId = created.Id });
        Assert.That(loaded.AccountId, Is.EqualTo(account.Id));
        Assert.That(loaded.PushToTalk, Is.False);
        await Store.SetPushToTalkAsync(created.Id, true);
        Assert.That((await Store.LoadAsync(created.Id))!.PushToTalk, Is.True);
        Assert.That(await Store.ListAsync(account.Id), Is.EqualTo(new[] { new CharacterSummaryRecord(created.Id, "Zezima", skills.CombatLevel) }));
    }

    [Test]
    public async Task Names_are_unique_regardless_of_case()
    {
        var account = await Store.CreateAnonymousAsync("a");
        Assert.That(await CreateCharacterAsync(account.Id, New("Zezima")), Is.Not.Null);
        Assert.That(await CreateCharacterAsync(account.Id, New("zEZIMA")), Is.Null);
        Assert.That(await Store.ListAsync(account.Id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_full_save_and_a_progress_batch_write_what_they_carry()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var characters = new List<StoredCharacter>();
        for (var i = 0; i < 10; i++)
        {
            characters.Add((await CreateCharacterAsync(account.Id, New($"c{i}")))!);
        }

        var progress = characters.Select((c, i) =>
        {
            var skills = Skills.Starting();
            skills.AddXp(Skill.Attack, 1000 * (i + 1));
            skills.AddXp(Skill.Prayer, XpTable.XpForLevel(43) * 10);
            return new CharacterProgress(c.Id, new Position(i, 0, i * 2), new Health(9, 10), skills, AttackStyle.Defensive, true, i % 2 == 0, i, i % 2 == 0 ? 1 << (int)Prayer.ProtectFromMelee : 0, Autocast: i % 3);
        }).ToList();
        await Store.SaveProgressAsync(progress);

        for (var i = 0; i < characters.Count; i++)
        {
            var loaded = (await Store.LoadAsync(characters[i].Id))!.State;
            Assert.That(loaded.Position, Is.EqualTo(new Position(i, 0, i * 2)));
            Assert.That(loaded.Skills.XpTenths(Skill.Attack), Is.EqualTo(1000 * (i + 1)));
            Assert.That((loaded.AttackStyle, loaded.Running), Is.EqualTo((AttackStyle.Defensive, i % 2 == 0)));
            Assert.That((loaded.PrayerPoints, loaded.ActivePrayers), Is.EqualTo((i, i % 2 == 0 ? 1 << (int)Prayer.ProtectFromMelee : 0)), "prayer is saved with progress");
            Assert.That(loaded.Autocast, Is.EqualTo(i % 3), "and the autocast spell");
        }

        var inventory = default(Inventory);
        inventory.Slots[27] = new ItemStack(ItemIds.Bones, 1);
        await Store.SaveAsync(characters[0].State with { Inventory = inventory, Health = new Health(3, 10), PrayerPoints = 0, ActivePrayers = 0, Autocast = 8 });
        var saved = (await Store.LoadAsync(characters[0].Id))!;
        Assert.That((saved.State.PrayerPoints, saved.State.ActivePrayers, saved.State.Autocast), Is.EqualTo((0, 0, 8)), "a whole save writes prayer and autocast too");
        Assert.That(saved.State.Inventory.Slots[27], Is.EqualTo(new ItemStack(ItemIds.Bones, 1)));
        Assert.That(saved.State.Health, Is.EqualTo(new Health(3, 10)));
        Assert.That(saved.LastLogin, Is.Not.Null);
    }

    [Test]
    public async Task A_bank_is_kept_slot_for_slot_with_the_inventory_it_traded_with()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var alice = (await CreateCharacterAsync(account.Id, New("alice")))!;
        Assert.That(alice.State.Bank, Is.Empty);

        var bank = new ItemStack[Ecs.Game.Banking.Bank.SlotCount];
        bank[0] = new ItemStack(ItemIds.Coins, int.MaxValue);
        bank[7] = new ItemStack(ItemIds.Lobster, 300);
        bank[479] = new ItemStack(ItemIds.Logs, 1);
        var inventory = default(Inventory);
        inventory.Slots[3] = new ItemStack(ItemIds.BronzeSword, 1);
        Assert.That(await Store.CommitAsync(new ItemTransaction(200, ItemTransactionKind.Bank, [new CharacterItems(alice.Id, inventory, default) { Bank = bank }], [], [], null, [])), Is.True);

        var loaded = (await Store.LoadAsync(alice.Id))!.State;
        Assert.That(loaded.Bank, Is.EqualTo(bank), "every slot where it was, the empty ones too");
        Assert.That(loaded.Inventory.Slots[3], Is.EqualTo(new ItemStack(ItemIds.BronzeSword, 1)));

        // A transaction that does not touch the bank leaves it alone; a save writes it whole.
        Assert.That(await Store.CommitAsync(new ItemTransaction(201, ItemTransactionKind.Drop, [new CharacterItems(alice.Id, default, default)], [], [], null, [])), Is.True);
        Assert.That((await Store.LoadAsync(alice.Id))!.State.Bank, Is.EqualTo(bank));
        await Store.SaveAsync(loaded with { Bank = [new ItemStack(ItemIds.Feather, 5)] });
        Assert.That((await Store.LoadAsync(alice.Id))!.State.Bank, Is.EqualTo(new[] { new ItemStack(ItemIds.Feather, 5) }));

        // One stack per item, even if a bug tried two: the database refuses, and nothing of it lands.
        var twice = new[] { new ItemStack(ItemIds.Coins, 1), new ItemStack(ItemIds.Coins, 2) };
        Assert.That(async () => await Store.CommitAsync(new ItemTransaction(202, ItemTransactionKind.Bank, [new CharacterItems(alice.Id, default, default) { Bank = twice }], [], [], null, [])), Throws.InstanceOf<DbException>());
        Assert.That((await Store.LoadAsync(alice.Id))!.State.Bank, Is.EqualTo(new[] { new ItemStack(ItemIds.Feather, 5) }));
    }

    [Test]
    public async Task An_item_transaction_commits_atomically_and_exactly_once()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var alice = (await CreateCharacterAsync(account.Id, New("alice")))!;
        var bob = (await CreateCharacterAsync(account.Id, New("bob")))!;
        var aliceItems = default(Inventory);
        aliceItems.Slots[0] = new ItemStack(ItemIds.Lobster, 2);
        var bobItems = default(Inventory);
        bobItems.Slots[4] = new ItemStack(ItemIds.Coins, 600);
        var trade = new ItemTransaction(100, ItemTransactionKind.Trade,
            [new CharacterItems(alice.Id, aliceItems, default), new CharacterItems(bob.Id, bobItems, default)], [], [], null, []);

        Assert.That(await Store.CommitAsync(trade), Is.True);
        Assert.That(await Store.CommitAsync(trade with { Characters = [new CharacterItems(alice.Id, default, default)] }), Is.False, "the same id applies once");

        Assert.That((await Store.LoadAsync(alice.Id))!.State.Inventory.Slots[0], Is.EqualTo(new ItemStack(ItemIds.Lobster, 2)));
        Assert.That((await Store.LoadAsync(bob.Id))!.State.Inventory.Slots[4], Is.EqualTo(new ItemStack(ItemIds.Coins, 600)));
        Assert.That(await Scalar<long>("SELECT coins FROM characters WHERE id = " + bob.Id), Is.EqualTo(600));
        Assert.That(await Store.MaxStoredIdAsync(), Is.EqualTo(100));
    }

    [Test]
    public async Task A_failing_transaction_leaves_nothing_behind()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var alice = (await CreateCharacterAsync(account.Id, New("alice")))!;
        var items = default(Inventory);
        items.Slots[0] = new ItemStack(ItemIds.Logs, 1);
        var broken = new ItemTransaction(7, ItemTransactionKind.Trade,
            [new CharacterItems(alice.Id, items, default), new CharacterItems(123_456, items, default)], [], [], null, []);

        await Assert.CatchAsync<DbException>(() => Store.CommitAsync(broken), "a character that does not exist breaks the foreign key");

        Assert.That((await Store.LoadAsync(alice.Id))!.State.Inventory.Slots[0].IsEmpty, Is.True);
        Assert.That(await Scalar<long>("SELECT count(*) FROM item_transactions"), Is.Zero);
    }

    [Test]
    public async Task Deaths_ground_items_and_kills_are_recorded_together()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var victim = (await CreateCharacterAsync(account.Id, New("victim")))!;
        var dropped = new StoredGroundItem(501, ItemIds.Coins, 40, new Position(10, 0, 12), victim.Id);
        var death = new ItemTransaction(500, ItemTransactionKind.Death, [new CharacterItems(victim.Id, default, default)], [dropped], [],
            new DeathRecord(500, victim.Id, new Position(10, 0, 12), 1), []);
        var loot = new ItemTransaction(502, ItemTransactionKind.NpcLoot, [], [new StoredGroundItem(503, ItemIds.Bones, 1, new Position(3, 0, 3), null)], [], null,
            [new KillCount(victim.Id, NpcIds.Cow, 4)]);
        var pickup = new ItemTransaction(504, ItemTransactionKind.Pickup, [new CharacterItems(victim.Id, default, default)], [], [501], null, []);

        await Store.CommitAsync(death);
        await Store.CommitAsync(loot);

        // A replay of the same death (the writer's retry after an ambiguous failure) changes
        // nothing; another transaction claiming the same death is refused by the death lock's key.
        Assert.That(await Store.CommitAsync(death), Is.False);
        await Assert.CatchAsync<DbException>(() => Store.CommitAsync(death with { Id = 506 }));
        Assert.That(await Scalar<long>("SELECT count(*) FROM player_deaths"), Is.EqualTo(1));
        Assert.That(await Scalar<long>("SELECT count(*) FROM ground_items"), Is.EqualTo(2), "the drops happened once");
        Assert.That(await Store.IsDeathRecordedAsync(500), Is.True);
        Assert.That(await Store.IsDeathRecordedAsync(501), Is.False);
        Assert.That((await Store.LoadGroundItemsAsync()).Select(g => g.Id), Is.EquivalentTo(new long[] { 501, 503 }));
        Assert.That((await Store.LoadAsync(victim.Id))!.Kills, Is.EquivalentTo(new Dictionary<int, int> { [NpcIds.Cow] = 4 }));

        await Store.CommitAsync(pickup);
        await Store.CommitAsync(loot with { Id = 505, GroundItemsAdded = [], Kills = [new KillCount(victim.Id, NpcIds.Cow, 5)] });
        Assert.That((await Store.LoadGroundItemsAsync()).Single().Id, Is.EqualTo(503));
        Assert.That((await Store.LoadAsync(victim.Id))!.Kills[NpcIds.Cow], Is.EqualTo(5));
    }

    [Test]
    public async Task A_gravestone_is_written_with_its_death_looted_in_place_and_gone_when_it_breaks()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch + TimeSpan.FromDays(20_000));
        var store = new SqlGameStore(_fixture.Connections, clock);
        var account = await store.CreateAnonymousAsync("a");
        var victim = (await CreateCharacterAsync(account.Id, New("victim")))!;
        var items = new ItemStack[Gravestone.SlotCount];
        items[0] = new ItemStack(ItemIds.Coins, 40);
        items[Inventory.SlotCount + 3] = new ItemStack(ItemIds.BronzeSword, 1);
        var grave = new StoredGravestone(601, 600, victim.Id, new Position(10, 0, 12), items, TimeSpan.FromMinutes(15));
        var death = new ItemTransaction(600, ItemTransactionKind.Death, [new CharacterItems(victim.Id, default, default)], [], [],
            new DeathRecord(600, victim.Id, new Position(10, 0, 12), 2), [])
        { Gravestones = [grave] };

        await store.CommitAsync(death);
        Assert.That(await store.CommitAsync(death), Is.False, "a replayed death writes nothing twice");
        Assert.That(await store.MaxStoredIdAsync(), Is.EqualTo(601), "new ids start past the gravestone's");

        // Five minutes later (a restart, say) it has ten left and holds exactly what it did.
        clock.Advance(TimeSpan.FromMinutes(5));
        var loaded = (await store.LoadGravestonesAsync()).Single();
        Assert.That((loaded.Id, loaded.DeathId, loaded.CharacterId, loaded.Position), Is.EqualTo((601L, 600L, victim.Id, new Position(10, 0, 12))));
        Assert.That(loaded.Items, Is.EqualTo(items));
        Assert.That(loaded.BreaksIn, Is.EqualTo(TimeSpan.FromMinutes(10)));

        // A partial loot rewrites its items and keeps the moment it breaks.
        var afterLoot = items.ToArray();
        afterLoot[0] = default;
        var inventory = default(Inventory);
        inventory.Slots[0] = new ItemStack(ItemIds.Coins, 40);
        await store.CommitAsync(new ItemTransaction(602, ItemTransactionKind.GravestoneLoot, [new CharacterItems(victim.Id, inventory, default)], [], [], null, [])
        { Gravestones = [grave with { Items = afterLoot, BreaksIn = TimeSpan.FromMinutes(14) }] });
        loaded = (await store.LoadGravestonesAsync()).Single();
        Assert.That(loaded.Items, Is.EqualTo(afterLoot));
        Assert.That(loaded.BreaksIn, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(InventoryRules.CountOf((await store.LoadAsync(victim.Id))!.State.Inventory, ItemIds.Coins), Is.EqualTo(40));

        // Breaking: the grave goes and its sword lies on the ground for an hour, in one transaction.
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.That((await store.LoadGravestonesAsync()).Single().BreaksIn, Is.EqualTo(TimeSpan.Zero), "overdue: it breaks on the first tick");
        await store.CommitAsync(new ItemTransaction(603, ItemTransactionKind.GravestoneBroken, [], [new StoredGroundItem(604, ItemIds.BronzeSword, 1, new Position(10, 0, 12), null) { DespawnsIn = TimeSpan.FromHours(1) }], [], null, [])
        { GravestonesRemoved = [601] });
        Assert.That(await store.LoadGravestonesAsync(), Is.Empty);
        Assert.That(await Scalar<long>("SELECT count(*) FROM gravestone_items"), Is.Zero, "its items went with it");
        clock.Advance(TimeSpan.FromMinutes(45));
        var lying = (await store.LoadGroundItemsAsync()).Single();
        Assert.That((lying.Id, lying.ItemId, lying.DespawnsIn), Is.EqualTo((604L, ItemIds.BronzeSword, (TimeSpan?)TimeSpan.FromMinutes(15))));
    }

    [Test]
    public async Task A_gravestone_needs_its_death_and_whole_slots()
    {
        var account = await Store.CreateAnonymousAsync("a");
        var victim = (await CreateCharacterAsync(account.Id, New("victim")))!;
        var items = new ItemStack[Gravestone.SlotCount];
        items[0] = new ItemStack(ItemIds.Coins, 1);
        var orphan = new ItemTransaction(700, ItemTransactionKind.GravestoneLoot, [], [], [], null, [])
        { Gravestones = [new StoredGravestone(701, 699, victim.Id, new Position(1, 0, 1), items, TimeSpan.FromMinutes(1))] };

        await Assert.CatchAsync<DbException>(() => Store.CommitAsync(orphan), "no death, no gravestone");
        Assert.That(await Scalar<long>("SELECT count(*) FROM item_transactions"), Is.Zero, "and nothing of the transaction stays");
        await Assert.CatchAsync<DbException>(() => Execute($"INSERT INTO player_deaths (death_id, character_id, position_x, position_y, position_z, items_dropped) VALUES (800, {victim.Id}, 0, 0, 0, 1); " +
            $"INSERT INTO gravestones (id, death_id, character_id, position_x, position_y, position_z, breaks_at_unix_ms) VALUES (801, 800, {victim.Id}, 0, 0, 0, 0); " +
            "INSERT INTO gravestone_items (gravestone_id, slot, item_id, quantity) VALUES (801, 39, 1, 1)"), "slots run 0 to 38");
    }

    [TestCase("INSERT INTO inventory (character_id, slot, item_id, quantity) VALUES ({0}, 0, 1, 0)", TestName = "quantity must be positive")]
    [TestCase("INSERT INTO inventory (character_id, slot, item_id, quantity) VALUES ({0}, 28, 1, 1)", TestName = "inventory slots run 0 to 27")]
    [TestCase("INSERT INTO equipment (character_id, slot, item_id, quantity) VALUES ({0}, 11, 1, 1)", TestName = "equipment slots run 0 to 10")]
    [TestCase("INSERT INTO inventory (character_id, slot, item_id, quantity) VALUES (987654, 0, 1, 1)", TestName = "items belong to a character that exists")]
    [TestCase("INSERT INTO inventory (character_id, slot, item_id, quantity) VALUES ({0}, 3, 1, 1); INSERT INTO inventory (character_id, slot, item_id, quantity) VALUES ({0}, 3, 2, 1)", TestName = "one stack per slot")]
    [TestCase("UPDATE characters SET attack_level = 100 WHERE id = {0}", TestName = "levels run 1 to 99")]
    [TestCase("UPDATE characters SET health = 11 WHERE id = {0}", TestName = "health cannot pass its maximum")]
    [TestCase("INSERT INTO friendships (character_a, character_b) VALUES ({0}, {0})", TestName = "a friendship joins two characters")]
    public async Task Constraints_refuse_impossible_rows(string sql)
    {
        var account = await Store.CreateAnonymousAsync("a");
        var character = (await CreateCharacterAsync(account.Id, New("c")))!;
        await using var connection = await _fixture.Connections.OpenAsync();

        await Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, character.Id)));
    }

    [Test]
    public async Task Content_ids_are_kept_and_a_clash_stores_none_of_a_batch()
    {
        Assert.That(await Store.LoadContentIdsAsync(), Is.Empty);
        var first = GameContent.Read(GameContent.DefaultFiles, ContentIds.Empty).Ids.Added;
        await Store.AddContentIdsAsync(first);
        var stored = await Store.LoadContentIdsAsync();
        Assert.That(stored, Is.EquivalentTo(first));
        Assert.That(stored, Does.Contain(new ContentId(ContentKind.Item, "big_bones", ItemIds.BigBones)));

        // Another server gave coins' number to something else: the batch fails whole, the registry is unchanged.
        var clash = new[] { new ContentId(ContentKind.Item, "pot", 999), new ContentId(ContentKind.Item, "bucket", ItemIds.Coins) };
        Assert.That(async () => await Store.AddContentIdsAsync(clash), Throws.InstanceOf<DbException>());
        Assert.That(await Store.LoadContentIdsAsync(), Is.EquivalentTo(first));

        // Items and NPC types count separately: 999 is free among NPC types.
        await Store.AddContentIdsAsync([new ContentId(ContentKind.Npc, "dragon", 999)]);
        Assert.That((await Store.LoadContentIdsAsync()).Count, Is.EqualTo(first.Count + 1));
    }

    [Test]
    public async Task Friends_request_accept_remove_and_ignore_follow_the_rules()
    {
        var social = new SocialService(Store);
        var account = await Store.CreateAnonymousAsync("a");
        var alice = (await CreateCharacterAsync(account.Id, New("Alice")))!;
        var bob = (await CreateCharacterAsync(account.Id, New("Bob")))!;
        var carol = (await CreateCharacterAsync(account.Id, New("Carol")))!;

        Assert.That(await social.AddFriendAsync(alice.Id, "bob"), Is.EqualTo(SocialOutcome.RequestSent));
        Assert.That(await social.AddFriendAsync(alice.Id, "Bob"), Is.EqualTo(SocialOutcome.AlreadyFriends), "the request is pending");
        Assert.That((await Store.GetRelationsAsync(bob.Id)).IncomingRequests.Single().Name, Is.EqualTo("Alice"));
        Assert.That(await social.AddFriendAsync(bob.Id, "alice"), Is.EqualTo(SocialOutcome.FriendAdded), "mutual requests accept");
        Assert.That((await Store.GetRelationsAsync(alice.Id)).Friends.Single().Id, Is.EqualTo(bob.Id));
        Assert.That((await Store.GetRelationsAsync(bob.Id)).Friends.Single().Id, Is.EqualTo(alice.Id), "a friendship holds both ways");
        Assert.That((await Store.GetRelationsAsync(bob.Id)).IncomingRequests, Is.Empty);

        Assert.That(await social.AddIgnoreAsync(alice.Id, "Bob"), Is.EqualTo(SocialOutcome.IsFriend));
        Assert.That(await social.RemoveFriendAsync(alice.Id, "bob"), Is.EqualTo(SocialOutcome.FriendRemoved));
        Assert.That((await Store.GetRelationsAsync(bob.Id)).Friends, Is.Empty);
        Assert.That(await social.AddIgnoreAsync(alice.Id, "Bob"), Is.EqualTo(SocialOutcome.IgnoreAdded));
        Assert.That(await social.AddFriendAsync(alice.Id, "Bob"), Is.EqualTo(SocialOutcome.IsIgnored));
        Assert.That(SocialRules.CanDeliverPrivate(await Store.GetRelationsAsync(alice.Id), bob.Id), Is.False, "alice ignores bob: his messages never reach her");
        Assert.That(SocialRules.CanDeliverPrivate(await Store.GetRelationsAsync(alice.Id), carol.Id), Is.True);
        Assert.That(await social.RemoveIgnoreAsync(alice.Id, "bob"), Is.EqualTo(SocialOutcome.IgnoreRemoved));
        Assert.That(SocialRules.CanDeliverPrivate(await Store.GetRelationsAsync(alice.Id), bob.Id), Is.True);

        Assert.That(await social.AddFriendAsync(alice.Id, "nobody"), Is.EqualTo(SocialOutcome.UnknownPlayer));
        Assert.That(await social.AddFriendAsync(alice.Id, "alice"), Is.EqualTo(SocialOutcome.Self));
        Assert.That(await social.RemoveIgnoreAsync(alice.Id, "carol"), Is.EqualTo(SocialOutcome.NotIgnored));
    }

    [Test]
    public async Task Friend_and_ignore_lists_hold_99()
    {
        var social = new SocialService(Store);
        var account = await Store.CreateAnonymousAsync("a");
        var owner = (await CreateCharacterAsync(account.Id, New("owner")))!;
        for (var i = 0; i < 100; i++)
        {
            var other = (await CreateCharacterAsync(account.Id, New($"f{i}")))!;
            await Store.AddFriendshipAsync(owner.Id, other.Id);
            var ignored = (await CreateCharacterAsync(account.Id, New($"i{i}")))!;
            if (i < 99)
            {
                await Store.AddIgnoreAsync(owner.Id, ignored.Id);
            }
        }

        // The store allowed the 100th friend row directly; the rules refuse anything past 99.
        var extra = (await CreateCharacterAsync(account.Id, New("extra")))!;
        Assert.That(await social.AddFriendAsync(owner.Id, "extra"), Is.EqualTo(SocialOutcome.FriendListFull));
        Assert.That(await social.AddIgnoreAsync(owner.Id, "i99"), Is.EqualTo(SocialOutcome.IgnoreListFull));
        await Store.AddRequestAsync(owner.Id, extra.Id);
        Assert.That(await social.AddFriendAsync(extra.Id, "owner"), Is.EqualTo(SocialOutcome.TheirFriendListFull), "accepting owner's request would give owner a 101st friend");
        Assert.That((await Store.GetRelationsAsync(extra.Id)).Friends, Is.Empty);
    }

    internal static CharacterState New(string name) => new() { CharacterId = 0, Name = name };

    private async Task Execute(string sql)
    {
        await using var connection = await _fixture.Connections.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = await _fixture.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("no value");
    }

    private static void AssertSameState(CharacterState actual, CharacterState expected)
    {
        Assert.That(actual.CharacterId, Is.EqualTo(expected.CharacterId));
        Assert.That(actual.Name, Is.EqualTo(expected.Name));
        Assert.That(actual.Position, Is.EqualTo(expected.Position));
        Assert.That(actual.Health, Is.EqualTo(expected.Health));
        Assert.That((actual.AttackStyle, actual.AutoRetaliate, actual.Running), Is.EqualTo((expected.AttackStyle, expected.AutoRetaliate, expected.Running)));
        for (var i = 0; i < Skills.Count; i++)
        {
            Assert.That(actual.Skills.Values[i], Is.EqualTo(expected.Skills.Values[i]), ((Skill)i).ToString());
        }

        var actualInventory = actual.Inventory;
        var expectedInventory = expected.Inventory;
        Assert.That(((ReadOnlySpan<ItemStack>)actualInventory.Slots).SequenceEqual(expectedInventory.Slots), Is.True, "inventory");
        var actualEquipment = actual.Equipment;
        var expectedEquipment = expected.Equipment;
        Assert.That(((ReadOnlySpan<ItemStack>)actualEquipment.Slots).SequenceEqual(expectedEquipment.Slots), Is.True, "equipment");
    }
}
