using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hyperscape.Host.Persistence;

/// <summary>Which database, and how to reach it.</summary>
/// <param name="Engine">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The provider's connection string.</param>
public sealed record DatabaseSettings(DatabaseEngine Engine, string ConnectionString)
{
    /// <summary>A SQLite file, with the pragmas the server relies on set per connection.</summary>
    public static DatabaseSettings ForSqliteFile(string path) =>
        new(DatabaseEngine.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, ForeignKeys = true, DefaultTimeout = 3 }.ToString());

    /// <summary>A PostgreSQL connection string.</summary>
    public static DatabaseSettings ForPostgres(string connectionString) => new(DatabaseEngine.Postgres, connectionString);

    /// <summary>The settings without secrets, for logs.</summary>
    public string Describe() => Engine switch
    {
        DatabaseEngine.Sqlite => $"SQLite file {Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource)}",
        _ => $"PostgreSQL {Host(ConnectionString)}",
    };

    private static string Host(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
