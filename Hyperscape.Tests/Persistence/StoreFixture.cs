using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperscape.Tests.Persistence;

/// <summary>A fresh, migrated database of one engine, with its store.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly string? _sqliteFile;

    private StoreFixture(ConnectionFactory connections, string? sqliteFile)
    {
        Connections = connections;
        _sqliteFile = sqliteFile;
        Store = new SqlGameStore(connections);
        Migrator = new SchemaMigrator(connections, NullLogger<SchemaMigrator>.Instance);
    }

    public ConnectionFactory Connections { get; }

    public SqlGameStore Store { get; }

    public SchemaMigrator Migrator { get; }

    public static async Task<StoreFixture> CreateAsync(DatabaseEngine engine, bool migrate = true)
    {
        StoreFixture fixture;
        if (engine == DatabaseEngine.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hyperscape-test-{Guid.NewGuid():N}.db");
            fixture = new StoreFixture(new ConnectionFactory(DatabaseSettings.ForSqliteFile(file)), file);
        }
        else
        {
            fixture = new StoreFixture(new ConnectionFactory(DatabaseSettings.ForPostgres(await PostgresServer.NewDatabaseAsync())), null);
        }

        if (migrate)
        {
            await fixture.Migrator.MigrateAsync();
        }

        return fixture;
    }

    public async ValueTask DisposeAsync()
    {
        await Connections.DisposeAsync();
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
