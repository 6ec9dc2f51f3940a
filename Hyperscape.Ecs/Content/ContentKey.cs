namespace Hyperscape.Ecs.Content;

/// <summary>The string id content files use for an item or NPC type: its name in snake case ("Giant rat" is <c>giant_rat</c>).</summary>
public static class ContentKey
{
    /// <summary>The key of <paramref name="name"/>: lowercase letters and digits, anything else one underscore.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
            else if (key.Length > 0 && key[^1] != '_')
            {
                key.Append('_');
            }
        }

        return key.ToString().TrimEnd('_');
    }
}
