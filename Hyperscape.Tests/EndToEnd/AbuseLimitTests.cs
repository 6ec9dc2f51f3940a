using System.Net;
using System.Net.WebSockets;
using Dapper;
using Hyperscape.Ecs.Protocol;
using Microsoft.Extensions.Logging;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>What one client, or a crowd of silent sockets, may cost the server: bounded, and answered properly.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AbuseLimitTests
{
    private static int _names;

    [Test]
    public async Task An_account_has_at_most_its_cap_of_characters()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hyperscape:Limits:CharactersPerAccount"] = "3" });
        await using var client = await TestClient.ConnectAsync(server.Socket);
        await client.HelloAsync();
        for (var i = 0; i < 3; i++)
        {
            var name = Name("Alt");
            await client.SendAsync(w => ClientMessages.CreateCharacter(w, name));
            await client.WaitUntilAsync(c => c.Messages(MessageType.CharacterList).Any(m => m.Array(1).Length == i + 1), $"character {i + 1} listed");
        }

        await client.SendAsync(w => ClientMessages.CreateCharacter(w, Name("Alt")));
        var refused = await client.WaitForMessageAsync(MessageType.Error);
        Assert.That(refused.Text(2), Is.EqualTo("An account has at most 3 characters."));
        await client.SendAsync(ClientMessages.ListCharacters);
        await client.WaitUntilAsync(c => c.Messages(MessageType.CharacterList).Count == 4, "the list again");
        Assert.That(client.Messages(MessageType.CharacterList)[^1].Array(1), Has.Length.EqualTo(3));
    }

    [Test]
    public async Task Anonymous_visitors_cost_no_storage_until_they_create_a_character()
    {
        await using var server = await TestServer.StartAsync();
        var before = await UsersAsync(server);
        for (var i = 0; i < 20; i++)
        {
            await using var visitor = await TestClient.ConnectAsync(server.Socket);
            await visitor.HelloAsync();
            await visitor.SendAsync(ClientMessages.ListCharacters);
            await visitor.WaitForMessageAsync(MessageType.CharacterList);
        }

        Assert.That(await UsersAsync(server), Is.EqualTo(before), "twenty visits, no rows");
        await using var player = await TestClient.EnterAsync(server.Socket, Name("Stays"));
        Assert.That(await UsersAsync(server), Is.EqualTo(before + 1), "a character brings its account");
    }

    [Test]
    public async Task Past_the_connection_cap_an_upgrade_is_answered_503_with_retry_after_and_no_error_log()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hyperscape:Limits:MaxConnections"] = "3",
            ["Hyperscape:Limits:MaxConnectionsBeforeHello"] = "3",
        });
        var open = new List<TestClient>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await TestClient.ConnectAsync(server.Socket));
        }

        for (var i = 0; i < 5; i++)
        {
            var (status, retryAfter) = await RefusalAsync(server.Socket);
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(retryAfter, Is.Not.Null.And.Not.Empty);
        }

        Assert.That(server.Loop.Stats().ConnectionsRefused, Is.EqualTo(5));
        Assert.That(server.Logs.Entries.Where(e => e.Level >= LogLevel.Error), Is.Empty, "a refusal is not an error");
        Assert.That(server.Logs.Entries.Count(e => e.Message.Contains("Refusing game connections", StringComparison.Ordinal)), Is.EqualTo(1), "one summary, not one line per refusal");
        foreach (var client in open)
        {
            await client.DisposeAsync();
        }
    }

    [Test]
    public async Task One_address_holds_at_most_its_cap_of_connections()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hyperscape:Limits:MaxConnectionsPerAddress"] = "2" });
        await using var first = await TestClient.ConnectAsync(server.Socket);
        await using var second = await TestClient.ConnectAsync(server.Socket);
        Assert.That((await RefusalAsync(server.Socket)).Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task Silent_sockets_cannot_lock_a_player_out()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Hyperscape:Limits:MaxConnectionsBeforeHello"] = "3",
            ["Hyperscape:Limits:AuthenticationTimeout"] = "00:01:00",
        });
        var silent = new List<TestClient>();
        for (var i = 0; i < 3; i++)
        {
            silent.Add(await TestClient.ConnectAsync(server.Socket));
        }

        // Every place for a hello is taken by sockets that will not speak for a minute; a player
        // still gets in, and the longest silent socket is the one that makes room.
        await using var player = await TestClient.EnterAsync(server.Socket, Name("Gets"));
        Assert.That((int?)await silent[0].WaitClosedAsync(), Is.EqualTo(1008));
        Assert.That(silent[0].CloseDescription, Does.Contain("room was made for a newer connection"));
        Assert.That(silent[2].Closed, Is.False);
        Assert.That(server.Loop.Stats().ConnectionsEvicted, Is.EqualTo(1));
        foreach (var client in silent)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter)> RefusalAsync(Uri socket)
    {
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThatAsync(() => refused.ConnectAsync(socket, CancellationToken.None), Throws.TypeOf<WebSocketException>());
        var retryAfter = refused.HttpResponseHeaders?.TryGetValue("Retry-After", out var values) == true ? values.FirstOrDefault() : null;
        return (refused.HttpStatusCode, retryAfter);
    }

    private static async Task<long> UsersAsync(TestServer server)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabaseFile}");
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users");
    }

    private static string Name(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";
}
