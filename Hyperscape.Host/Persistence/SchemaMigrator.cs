using System.Data.Common;
using Dapper;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// Applies the embedded, versioned schema scripts at start-up: each pending version once, in its
/// own transaction, recorded in <c>schema_version</c>. Concurrent servers serialize on a lock
/// (an advisory lock on PostgreSQL, an immediate transaction on SQLite). A database newer than
/// this server is refused with <see cref="DatabaseTooNewException"/>.
/// </summary>
public sealed class SchemaMigrator(ConnectionFactory connections, ILogger<SchemaMigrator> logger)
{
    private const long LockKey = 0x4879_7065_7273;

    /// <summary>The migrations this server carries, by version.</summary>
    public IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations(connections.Engine);

    /// <summary>The newest version this server knows.</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>Brings the database up to <see cref="LatestVersion"/>; returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<int>();
        foreach (var (version, name, sql) in Migrations)
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await BeginLockedAsync(connection, cancellationToken).ConfigureAwait(false);
            var current = await CurrentVersionAsync(connection, transaction).ConfigureAwait(false);
            if (current > LatestVersion)
            {
                throw new DatabaseTooNewException(current, LatestVersion);
            }

            if (current >= version)
            {
                continue;
            }

            logger.LogInformation("Applying schema migration {Version} ({Name})", version, name);
            await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@version)", new { version }, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(version);
        }

        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            var final = await CurrentVersionAsync(connection, null).ConfigureAwait(false);
            if (final > LatestVersion)
            {
                throw new DatabaseTooNewException(final, LatestVersion);
            }
        }

        return applied;
    }

    /// <summary>The version recorded in the database, 0 for an empty one.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CurrentVersionAsync(connection, null).ConfigureAwait(false);
    }

    private async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction)
    {
        var exists = connections.Engine == DatabaseEngine.Postgres
            ? await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('schema_version') IS NOT NULL", transaction: transaction).ConfigureAwait(false)
            : await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", transaction: transaction).ConfigureAwait(false) > 0;
        return exists
            ? await connection.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: transaction).ConfigureAwait(false)
            : 0;
    }

    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // An immediate transaction takes SQLite's write lock up front: one migrator at a time.
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = LockKey }, transaction).ConfigureAwait(false);
        return transaction;
    }

    private static List<(int, string, string)> LoadMigrations(DatabaseEngine engine)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"Migrations.{engine}.";
        var migrations = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, name, reader.ReadToEnd()));
        }

        return migrations;
    }
}
