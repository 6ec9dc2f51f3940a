using System.Globalization;
using Dapper;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.Persistence;

/// <summary>SQLite and PostgreSQL hold the same tables and columns, and the same data after the same operations.</summary>
public class EngineEquivalenceTests
{
    [Test]
    public async Task Both_schemas_have_the_same_tables_and_columns()
    {
        await using var sqlite = await StoreFixture.CreateAsync(DatabaseEngine.Sqlite);
        await using var postgres = await StoreFixture.CreateAsync(DatabaseEngine.Postgres);

        var sqliteColumns = await ColumnsAsync(sqlite);
        var postgresColumns = await ColumnsAsync(postgres);

        Assert.That(sqliteColumns, Is.EquivalentTo(postgresColumns));
        Assert.That(postgresColumns.Select(c => c.Split('.')[0]).Distinct(), Is.SupersetOf(new[]
        {
            "users", "characters", "inventory", "equipment", "player_deaths", "npc_kills", "friendships", "friend_requests", "ignore_lists", "schema_version",
        }));
    }

    [Test]
    public async Task Both_engines_hold_the_same_data_after_the_same_operations()
    {
        await using var sqlite = await StoreFixture.CreateAsync(DatabaseEngine.Sqlite);
        await using var postgres = await StoreFixture.CreateAsync(DatabaseEngine.Postgres);

        await RunScriptAsync(sqlite.Store);
        await RunScriptAsync(postgres.Store);

        var sqliteData = await DumpAsync(sqlite);
        var postgresData = await DumpAsync(postgres);
        Assert.That(sqliteData.Keys, Is.EquivalentTo(postgresData.Keys));
        foreach (var table in sqliteData.Keys)
        {
            Assert.That(sqliteData[table], Is.EqualTo(postgresData[table]), table);
        }

        Assert.That(sqliteData["characters"], Has.Count.EqualTo(4), "the script really wrote data");
    }

    /// <summary>A little of everything: accounts, characters, saves, item transactions, social changes.</summary>
    private static async Task RunScriptAsync(SqlGameStore store)
    {
        var privy = await store.GetOrCreateByPrivyUserAsync("did:privy:x", "xena");
        var anonymous = await store.CreateAnonymousAsync("guest");
        var a = (await store.CreateAsync(privy.Id, StoreContractTests.New("Alpha"), maxCharacters: 5)).Character!;
        var b = (await store.CreateAsync(privy.Id, StoreContractTests.New("Beta"), maxCharacters: 5)).Character!;
        var c = (await store.CreateAsync(anonymous.Id, StoreContractTests.New("Gamma"), maxCharacters: 5)).Character!;
        var d = (await store.CreateWithNewAccountAsync("guest", StoreContractTests.New("Delta"))).Character!;
        var inventory = default(Inventory);
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Coins], 77);
        InventoryRules.TryAdd(ref inventory, ItemCatalog.Standard[ItemIds.Shrimps], 2);
        var equipment = default(Equipment);
        equipment.Slots[(int)EquipmentSlot.Shield] = new ItemStack(ItemIds.WoodenShield, 1);
        await store.SaveAsync(a.State with { Inventory = inventory, Equipment = equipment, Position = new Position(12.5f, 0, 40) });
        var skills = Skills.Starting();
        skills.AddXp(Skill.Strength, 4_321);
        await store.SaveProgressAsync([new CharacterProgress(b.Id, new Position(3, 0, 4), new Health(6, 10), skills, AttackStyle.Controlled, false, true, 1, 1 << (int)Prayer.ThickSkin)]);
        await store.CommitAsync(new ItemTransaction(10, ItemTransactionKind.Trade, [new CharacterItems(a.Id, default, equipment), new CharacterItems(c.Id, inventory, default)], [], [], null, []));
        await store.CommitAsync(new ItemTransaction(11, ItemTransactionKind.Death, [new CharacterItems(c.Id, default, default)],
            [new StoredGroundItem(12, ItemIds.Coins, 77, new Position(1, 0, 1), c.Id)], [], new DeathRecord(11, c.Id, new Position(1, 0, 1), 1), [new KillCount(b.Id, NpcIds.Goblin, 3)]));
        var social = new SocialService(store);
        await social.AddFriendAsync(a.Id, "Beta");
        await social.AddFriendAsync(b.Id, "Alpha");
        await social.AddFriendAsync(c.Id, "Alpha");
        await social.AddIgnoreAsync(b.Id, "Gamma");
        await store.SetPushToTalkAsync(b.Id, true);
        await store.SetPushToTalkAsync(d.Id, true);
    }

    private static async Task<List<string>> ColumnsAsync(StoreFixture fixture)
    {
        await using var connection = await fixture.Connections.OpenAsync();
        if (fixture.Connections.Engine == DatabaseEngine.Postgres)
        {
            return (await connection.QueryAsync<string>(
                "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'")).ToList();
        }

        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        var columns = new List<string>();
        foreach (var table in tables)
        {
            columns.AddRange(await connection.QueryAsync<string>($"SELECT '{table}.' || name FROM pragma_table_info('{table}')"));
        }

        return columns;
    }

    /// <summary>Every table as sorted, normalized rows; timestamps are left out (clocks differ).</summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(StoreFixture fixture)
    {
        await using var connection = await fixture.Connections.OpenAsync();
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in (await ColumnsAsync(fixture)).Select(c => c.Split('.')[0]).Distinct())
        {
            var rows = new List<string>();
            foreach (IDictionary<string, object> row in await connection.QueryAsync($"SELECT * FROM {table}"))
            {
                rows.Add(string.Join("|", row.Where(p => !p.Key.EndsWith("_at", StringComparison.Ordinal) && p.Key != "last_login")
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={Normalize(p.Value)}")));
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }

        return dump;
    }

    private static string Normalize(object? value) => value switch
    {
        null or DBNull => "null",
        bool flag => flag ? "1" : "0",
        float single => single.ToString("R", CultureInfo.InvariantCulture),
        double number => ((float)number).ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
