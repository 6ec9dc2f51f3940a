using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hyperscape.Host.Persistence;

/// <summary>Opens connections for the configured engine, with each engine's per-connection settings.</summary>
public sealed class ConnectionFactory : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;

    /// <summary>Creates a factory for the settings.</summary>
    public ConnectionFactory(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.Engine == DatabaseEngine.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(settings.ConnectionString);
        }
    }

    /// <summary>The settings in force.</summary>
    public DatabaseSettings Settings { get; }

    /// <summary>The engine.</summary>
    public DatabaseEngine Engine => Settings.Engine;

    /// <summary>Opens a connection.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(Settings.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // WAL lets readers run beside the writer; FULL sync makes a commit durable when it returns,
        // which is what "acknowledged only after commit" promises; the busy timeout waits out
        // another writer instead of failing at once. It is short on purpose: Microsoft.Data.Sqlite
        // cannot interrupt a command waiting on a lock, so the persistence writer's retry loop,
        // which can be cancelled, is where a long wait belongs.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 2000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Begins a transaction that will write. On SQLite it takes the write lock up front
    /// (<c>BEGIN IMMEDIATE</c>), so a read-then-write cannot fail halfway when another writer
    /// commits in between; PostgreSQL's default is right as it is.
    /// </summary>
    public async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
