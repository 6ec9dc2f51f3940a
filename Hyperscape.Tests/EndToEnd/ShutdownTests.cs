using System.Diagnostics;
using System.Net.WebSockets;
using Dapper;
using Hyperscape.Benchmarks.Load;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Host.Persistence;
using Hyperscape.Tests.Persistence;

namespace Hyperscape.Tests.EndToEnd;

/// <summary>
/// SIGTERM on the real process. A shutdown ends within its timeout whatever the database does,
/// closes each socket with a status that tells the truth about its character's save, and exits
/// non-zero when anything was not saved.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ShutdownTests
{
    private const int Players = 5;
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(6);
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder("shutdown");

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [TestCase(DatabaseEngine.Sqlite)]
    [TestCase(DatabaseEngine.Postgres)]
    public async Task Everyone_is_saved_then_closed_with_1001_and_the_exit_code_is_0(DatabaseEngine engine)
    {
        var database = await DatabaseAsync(engine);
        using var server = await ServerProcess.StartAsync(Launch(database));
        var (players, lobby, silent) = await ConnectEveryoneAsync(server);

        // Everyone walks a few tiles; the shutdown save must hold where they ended up.
        for (var i = 0; i < players.Count; i++)
        {
            await players[i].ActAsync(ActionKind.Move, x: 130 + i, z: 135);
        }

        foreach (var player in players)
        {
            await player.WaitUntilAsync(c => c.World!.Entities.TryGetValue(c.NetworkId, out var self) && self.Z == 135, "the walk to end");
        }

        Assert.That(await server.TerminateAsync(TimeSpan.FromSeconds(30)), Is.Zero, server.Output);
        Assert.Multiple(async () =>
        {
            foreach (var player in players)
            {
                Assert.That(await player.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable), "1001: saved");
            }

            Assert.That(await lobby.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable), "a socket in the character screen is closed properly too");
            Assert.That(await silent.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable), "and one that never said hello");
            Assert.That(server.Output, Does.Contain($"Everyone is saved ({Players} characters)"));
        });

        await using var connections = new ConnectionFactory(database);
        var store = new SqlGameStore(connections);
        for (var i = 0; i < players.Count; i++)
        {
            var saved = (await store.LoadAsync(players[i].CharacterId))!.State.Position;
            Assert.That((saved.X, saved.Z), Is.EqualTo((130f + i, 135f)), $"player {i} saved where it stood");
        }

        await DisposeAllAsync(players, lobby, silent);
    }

    [TestCase(DatabaseEngine.Sqlite)]
    [TestCase(DatabaseEngine.Postgres)]
    public async Task A_stalled_database_cannot_hold_shutdown_past_its_timeout_nor_make_it_claim_a_save(DatabaseEngine engine)
    {
        var database = await DatabaseAsync(engine);
        using var server = await ServerProcess.StartAsync(Launch(database));
        var (players, lobby, silent) = await ConnectEveryoneAsync(server);

        await using var stall = await StallAsync(database);
        var stopping = Stopwatch.StartNew();
        var exit = await server.TerminateAsync(TimeSpan.FromSeconds(60));
        stopping.Stop();

        Assert.Multiple(async () =>
        {
            Assert.That(exit, Is.EqualTo(3), $"characters were not saved. Output:\n{server.Output}");
            Assert.That(stopping.Elapsed, Is.LessThan(ShutdownTimeout + TimeSpan.FromSeconds(3)), "the shutdown timeout bounds the whole stop");
            foreach (var player in players)
            {
                Assert.That((int?)await player.WaitClosedAsync(), Is.EqualTo(4001), "not 1001: that would claim a save");
                Assert.That(server.Output, Does.Contain($"Character {player.CharacterId} ({player.Name}) was NOT saved"));
            }

            Assert.That(await lobby.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable), "nothing of its was unsaved");
            Assert.That(await silent.WaitClosedAsync(), Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
            Assert.That(server.Output, Does.Contain($"Shutdown finished with {Players} of {Players} characters not saved"));
            Assert.That(server.Output, Does.Not.Contain("Everyone is saved"));
        });

        await DisposeAllAsync(players, lobby, silent);
    }

    private async Task<DatabaseSettings> DatabaseAsync(DatabaseEngine engine) => engine == DatabaseEngine.Sqlite
        ? DatabaseSettings.ForSqliteFile(_folder.File("shutdown.db"))
        : DatabaseSettings.ForPostgres(await PostgresServer.NewDatabaseAsync());

    private ServerLaunch Launch(DatabaseSettings database) => new()
    {
        WorkingDirectory = _folder.Path,
        Flags =
        [
            database.Engine == DatabaseEngine.Sqlite
                ? $"--Hyperscape:Database:SqliteFile={new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource}"
                : $"--Hyperscape:Database:PostgresConnectionString={database.ConnectionString}",
            "--Hyperscape:FrameInterval=00:00:00.010",
            "--Hyperscape:SaveInterval=01:00:00",
            $"--Hyperscape:ShutdownTimeout={ShutdownTimeout}",
            "--Hyperscape:Limits:CloseTimeout=00:00:01",
            "--Hyperscape:World:SpawnNpcs=false",
            "--Logging:LogLevel:Default=Warning",
        ],
    };

    private static async Task<(List<TestClient> Players, TestClient Lobby, TestClient Silent)> ConnectEveryoneAsync(ServerProcess server)
    {
        var players = new List<TestClient>();
        for (var i = 0; i < Players; i++)
        {
            var player = await TestClient.EnterAsync(server.Socket, $"Stayer{i}");

            // In the world once a tick took the join in: the client sees itself.
            await player.WaitUntilAsync(c => c.World!.Entities.ContainsKey(c.NetworkId), "the player in the world");
            players.Add(player);
        }

        var lobby = await TestClient.ConnectAsync(server.Socket);
        await lobby.HelloAsync();
        var silent = await TestClient.ConnectAsync(server.Socket);
        return (players, lobby, silent);
    }

    /// <summary>Holds the lock every character save needs, as a long migration or a stuck query would.</summary>
    private static async Task<IAsyncDisposable> StallAsync(DatabaseSettings database)
    {
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync();
            var transaction = sqlite.BeginTransaction(deferred: false);
            await sqlite.ExecuteAsync("UPDATE characters SET running = running", transaction: transaction);
            return new Stall(sqlite, transaction);
        }

        var postgres = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await postgres.OpenAsync();
        var locked = await postgres.BeginTransactionAsync();
        await postgres.ExecuteAsync("LOCK TABLE characters IN ACCESS EXCLUSIVE MODE", transaction: locked);
        return new Stall(postgres, locked);
    }

    private static async Task DisposeAllAsync(List<TestClient> players, TestClient lobby, TestClient silent)
    {
        foreach (var client in players.Append(lobby).Append(silent))
        {
            await client.DisposeAsync();
        }
    }

    private sealed class Stall(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
