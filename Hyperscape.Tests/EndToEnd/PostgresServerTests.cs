using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Host.Persistence;
using Hyperscape.Tests.Persistence;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>The console server switched to PostgreSQL by its connection string, as in production.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresServerTests
{
    [Test]
    public async Task A_connection_string_switches_the_server_to_postgres()
    {
        var connection = await PostgresServer.NewDatabaseAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hyperscape:Database:PostgresConnectionString"] = connection,
        });
        long characterId;
        await using (var player = await TestClient.EnterAsync(server.Socket, "Pg"))
        {
            characterId = player.CharacterId;
            var coins = await player.WaitForValueAsync(c => c.World!.Inventory is { } inv ? (int?)Array.FindIndex(inv, s => s.ItemId == ItemIds.Coins) : null, "the inventory");
            await player.ActAsync(ActionKind.Drop, slot: coins);
            await player.WaitUntilAsync(c => c.World!.Inventory!.All(s => s.ItemId != ItemIds.Coins), "the coins dropped (committed)");
        }

        // Read back through a store of our own on the same database: the server wrote there.
        await using var connections = new ConnectionFactory(DatabaseSettings.ForPostgres(connection));
        var store = new SqlGameStore(connections);
        var stored = await store.LoadAsync(characterId);
        Assert.That(stored, Is.Not.Null, "the character is in PostgreSQL");
        var coinsHeld = 0;
        foreach (var stack in stored!.State.Inventory.Slots)
        {
            coinsHeld += stack.ItemId == ItemIds.Coins ? stack.Quantity : 0;
        }

        Assert.That(coinsHeld, Is.Zero);
        Assert.That((await store.LoadGroundItemsAsync()).Any(g => g.ItemId == ItemIds.Coins && g.Quantity == 25), Is.True);
    }
}
