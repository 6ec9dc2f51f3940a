namespace Hyperscape.Host.Persistence;

/// <summary>One statement of a multi-statement write, with its named parameters, run by either engine.</summary>
/// <param name="Sql">The SQL, with <c>@name</c> parameters.</param>
/// <param name="Parameters">The parameters by name (without the <c>@</c>).</param>
internal sealed record SqlStatement(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
