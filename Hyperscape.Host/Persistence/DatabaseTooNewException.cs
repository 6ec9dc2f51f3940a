namespace Hyperscape.Host.Persistence;

/// <summary>The database was migrated by a newer server than this one; running would risk it.</summary>
public sealed class DatabaseTooNewException(int databaseVersion, int codeVersion)
    : Exception($"The database schema is at version {databaseVersion}, but this server knows versions up to {codeVersion}. Run a newer server, or point this one at another database.")
{
    /// <summary>The version recorded in the database.</summary>
    public int DatabaseVersion { get; } = databaseVersion;

    /// <summary>The newest version this server knows.</summary>
    public int CodeVersion { get; } = codeVersion;
}
