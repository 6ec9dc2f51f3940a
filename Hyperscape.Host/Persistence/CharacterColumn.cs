using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence;

/// <summary>A column of the <c>characters</c> row that saves write: its name, its PostgreSQL type, and where its value comes from.</summary>
/// <param name="Name">The column.</param>
/// <param name="PostgresType">Its type in schema.sql (integer, bigint, smallint, real or boolean).</param>
/// <param name="Number">
/// Its value in a character's progress as a number (a boolean is 1 or 0): every column's values
/// are exact in a double, and a number binds without boxing on the periodic save's hot path.
/// </param>
internal sealed record CharacterColumn(string Name, string PostgresType, Func<CharacterProgress, double> Number)
{
    /// <summary>True for a floating-point column; the others hold integers (booleans as 0 and 1 in SQLite).</summary>
    public bool IsReal => PostgresType == "real";

    /// <summary>The value as the column's own type, boxed, for parameters that take objects.</summary>
    public object Value(CharacterProgress progress) => PostgresType switch
    {
        "integer" => (int)Number(progress),
        "bigint" => (long)Number(progress),
        "smallint" => (short)Number(progress),
        "real" => (float)Number(progress),
        _ => Number(progress) != 0,
    };
}
