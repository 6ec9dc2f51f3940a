using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperscape.Benchmarks.Persistence;

/// <summary>
/// A migrated database of either engine with <c>count</c> characters: PostgreSQL in a throwaway
/// local cluster (as production runs it, over TCP on loopback), SQLite in a temp file.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly LocalPostgresCluster? _cluster;
    private readonly string? _sqliteFile;

    private BenchmarkDatabase(ConnectionFactory connections, LocalPostgresCluster? cluster, string? sqliteFile)
    {
        Connections = connections;
        Store = new SqlGameStore(connections);
        _cluster = cluster;
        _sqliteFile = sqliteFile;
    }

    public ConnectionFactory Connections { get; }

    public SqlGameStore Store { get; }

    public long[] CharacterIds { get; private set; } = [];

    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseEngine engine, int characters)
    {
        BenchmarkDatabase database;
        if (engine == DatabaseEngine.Postgres)
        {
            var cluster = await LocalPostgresCluster.StartAsync();
            var connection = await cluster.CreateDatabaseAsync("hyperscape_bench");
            database = new BenchmarkDatabase(new ConnectionFactory(DatabaseSettings.ForPostgres(connection)), cluster, null);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"hyperscape-bench-{Guid.NewGuid():N}.db");
            database = new BenchmarkDatabase(new ConnectionFactory(DatabaseSettings.ForSqliteFile(file)), null, file);
        }

        await new SchemaMigrator(database.Connections, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var account = await database.Store.CreateAnonymousAsync("bench");
        var ids = new long[characters];
        for (var i = 0; i < characters; i++)
        {
            ids[i] = (await database.Store.CreateAsync(account.Id, new CharacterState { CharacterId = 0, Name = $"b{i}", Position = new Position(i % 200, 0, i / 200) }, maxCharacters: int.MaxValue)).Character!.Id;
        }

        database.CharacterIds = ids;
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Connections.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
