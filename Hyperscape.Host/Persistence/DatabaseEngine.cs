namespace Hyperscape.Host.Persistence;

/// <summary>The database behind the stores.</summary>
public enum DatabaseEngine
{
    /// <summary>An embedded SQLite file: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>PostgreSQL: production.</summary>
    Postgres,
}
