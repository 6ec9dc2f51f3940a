using System.Net.WebSockets;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Host.Persistence;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>A character is saved whole when its player leaves and when the server shuts down.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SaveOnLeavingTests
{
    [Test]
    public async Task A_disconnect_saves_the_whole_character_at_once()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithoutNpcs);
        long characterId;
        await using (var walker = await TestClient.EnterAsync(server.Socket, "Walker"))
        {
            characterId = walker.CharacterId;
            await WalkAsync(walker, 131, 126);
        }

        // The periodic save is 30 s away: only the disconnect save can have written this.
        var saved = await PollAsync(async () => (await server.Store.LoadAsync(characterId))!.State.Position, p => p.X == 131 && p.Z == 126);
        Assert.That((saved.X, saved.Z), Is.EqualTo((131f, 126f)));
    }

    [Test]
    public async Task Shutting_down_saves_everyone_and_closes_sockets_with_1001()
    {
        var server = await TestServer.StartAsync(TestServer.WithoutNpcs);
        try
        {
            await using var ann = await TestClient.EnterAsync(server.Socket, "Ann");
            await using var bob = await TestClient.EnterAsync(server.Socket, "Bob");
            await WalkAsync(ann, 125, 131);
            await WalkAsync(bob, 132, 132);

            await server.StopAsync();

            Assert.That(await ann.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
            Assert.That(await bob.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
            await using var connections = new ConnectionFactory(DatabaseSettings.ForSqliteFile(server.DatabaseFile));
            var store = new SqlGameStore(connections);
            var annSaved = (await store.LoadAsync(ann.CharacterId))!.State.Position;
            var bobSaved = (await store.LoadAsync(bob.CharacterId))!.State.Position;
            Assert.That((annSaved.X, annSaved.Z), Is.EqualTo((125f, 131f)));
            Assert.That((bobSaved.X, bobSaved.Z), Is.EqualTo((132f, 132f)));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task WalkAsync(TestClient client, int x, int z)
    {
        await client.ActAsync(ActionKind.Move, x: x, z: z);
        await client.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var me) && me.X == x && me.Z == z, $"arriving at ({x}, {z})");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
