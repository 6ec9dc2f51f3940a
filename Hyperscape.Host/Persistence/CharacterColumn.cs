using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence;

/// <summary>A column of the <c>characters</c> row that saves write: its name, its PostgreSQL type, and where its value comes from.</summary>
/// <param name="Name">The column.</param>
/// <param name="PostgresType">Its type in schema.sql (for array parameters).</param>
/// <param name="Value">Its value in a character's progress.</param>
internal sealed record CharacterColumn(string Name, string PostgresType, Func<CharacterProgress, object> Value);
