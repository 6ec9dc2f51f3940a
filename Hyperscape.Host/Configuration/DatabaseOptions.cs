namespace Hyperscape.Host.Configuration;

/// <summary>Which database: PostgreSQL when a connection string is given, else a SQLite file.</summary>
public sealed class DatabaseOptions
{
    /// <summary>A PostgreSQL connection string (also read from <c>HYPERSCAPE_POSTGRES</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The SQLite file used when no PostgreSQL connection string is set.</summary>
    public string SqliteFile { get; set; } = "hyperscape.db";
}
