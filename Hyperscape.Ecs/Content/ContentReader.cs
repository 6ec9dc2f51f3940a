using System.Text.Json;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Content;

/// <summary>
/// Reads fields of one content file and collects what is wrong with them instead of stopping at
/// the first problem: every getter returns null (or the fallback) after recording a problem.
/// </summary>
internal sealed class ContentReader(string file, List<ContentProblem> problems)
{
    private static readonly JsonDocumentOptions Json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's name, as problems show it.</summary>
    public string File => file;

    /// <summary>Parses a file; null, with a problem, when it is not JSON.</summary>
    public JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Json);
        }
        catch (JsonException exception)
        {
            Problem($"line {exception.LineNumber + 1}", $"not JSON: {exception.Message}");
            return null;
        }
    }

    /// <summary>The root object with its version checked; null when it is not an object.</summary>
    public JsonElement? Root(JsonDocument document, int version, params string[] fields)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            Problem("$", "a content file is one JSON object");
            return null;
        }

        Only(root, "$", ["$schema", "version", .. fields]);
        if (Int(root, "$", "version") is { } found && found != version)
        {
            Problem("version", $"this server reads version {version}, not {found}");
        }

        return root;
    }

    /// <summary>The path of a field of the object at <paramref name="path"/> (<c>$</c> is the root).</summary>
    public static string Join(string path, string name) => path == "$" ? name : $"{path}.{name}";

    /// <summary>The elements of the list field <paramref name="name"/>, each with its path; none when the field is absent.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> Array(JsonElement parent, string path, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var array))
        {
            return [];
        }

        var at = Join(path, name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            Problem(at, "a list");
            return [];
        }

        return array.EnumerateArray().Select((element, i) => (element, $"{at}[{i}]")).ToList();
    }

    /// <summary>A field that must be there.</summary>
    public JsonElement? Required(JsonElement parent, string path, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            Problem(path, "an object");
            return null;
        }

        if (!parent.TryGetProperty(name, out var value))
        {
            Problem(Join(path, name), "missing");
            return null;
        }

        return value;
    }

    /// <summary>True when the object has the field.</summary>
    public static bool Has(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out _);

    /// <summary>A whole number that must be there.</summary>
    public int? Int(JsonElement parent, string path, string name)
    {
        if (Required(parent, path, name) is not { } value)
        {
            return null;
        }

        if (!value.TryGetInt32(out var number))
        {
            Problem(Join(path, name), "a whole number");
            return null;
        }

        return number;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>] that must be there; <paramref name="min"/> after a problem.</summary>
    public int IntIn(JsonElement parent, string path, string name, int min, int max)
    {
        if (Int(parent, path, name) is not { } number)
        {
            return min;
        }

        if (number < min || number > max)
        {
            Problem(Join(path, name), $"{min} to {max}");
            return min;
        }

        return number;
    }

    /// <summary>An optional whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int IntOr(JsonElement parent, string path, string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Has(parent, name) || Int(parent, path, name) is not { } number)
        {
            return fallback;
        }

        if (number < min || number > max)
        {
            Problem(Join(path, name), max == int.MaxValue ? $"at least {min}" : $"{min} to {max}");
            return fallback;
        }

        return number;
    }

    /// <summary>An optional true or false.</summary>
    public bool BoolOr(JsonElement parent, string path, string name, bool fallback)
    {
        if (!Has(parent, name))
        {
            return fallback;
        }

        var value = parent.GetProperty(name);
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(Join(path, name), "true or false");
            return fallback;
        }

        return value.GetBoolean();
    }

    /// <summary>A non-empty string that must be there.</summary>
    public string? String(JsonElement parent, string path, string name)
    {
        if (Required(parent, path, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Problem(Join(path, name), "a non-empty string");
            return null;
        }

        return value.GetString();
    }

    /// <summary>
    /// An optional number with at most one decimal, in tenths: XP is kept exact in tenths, so
    /// 37.5 is 375 and 37.55 is a problem rather than a rounding.
    /// </summary>
    public int TenthsOr(JsonElement parent, string path, string name, int fallback)
    {
        if (!Has(parent, name))
        {
            return fallback;
        }

        var value = parent.GetProperty(name);
        if (!value.TryGetDecimal(out var number) || number < 0 || number * 10 != decimal.Truncate(number * 10) || number > 200_000_000)
        {
            Problem(Join(path, name), "a number of at least 0 with at most one decimal");
            return fallback;
        }

        return (int)(number * 10);
    }

    /// <summary>An optional enum value, written as its name in snake case (<c>two_handed_sword</c>).</summary>
    public TEnum EnumOr<TEnum>(JsonElement parent, string path, string name, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (!Has(parent, name))
        {
            return fallback;
        }

        return Enum(parent.GetProperty(name), Join(path, name), fallback);
    }

    /// <summary>An enum value written as its name in snake case.</summary>
    public TEnum Enum<TEnum>(JsonElement value, string path, TEnum fallback)
        where TEnum : struct, Enum =>
        TryName(value.ValueKind == JsonValueKind.String ? value.GetString() : null, path, out TEnum found) ? found : fallback;

    /// <summary>The enum value named <paramref name="text"/> in snake case; false, with a problem listing the names, otherwise.</summary>
    public bool TryName<TEnum>(string? text, string path, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (SnakeCase(candidate.ToString()) == text)
            {
                value = candidate;
                return true;
            }
        }

        Problem(path, $"one of {string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => SnakeCase(v.ToString())))}");
        value = default;
        return false;
    }

    /// <summary>An enum member's name as files write it: <c>TwoHandedSword</c> is <c>two_handed_sword</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>The id of the thing a string field names, looked up in <paramref name="known"/>.</summary>
    public int? Key(JsonElement element, string path, string name, IReadOnlyDictionary<string, int> known, string what)
    {
        if (Required(element, path, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Problem(Join(path, name), $"the id of {what}, a string");
            return null;
        }

        var key = value.GetString()!;
        if (!known.TryGetValue(key, out var id))
        {
            Problem(Join(path, name), $"no {what} has the id '{key}'");
            return null;
        }

        return id;
    }

    /// <summary>A tile written <c>[x, z]</c>, on the map.</summary>
    public Tile? TileIn(JsonElement element, string path, TileMap map)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2
            || !element[0].TryGetInt32(out var x) || !element[1].TryGetInt32(out var z))
        {
            Problem(path, "a tile is [x, z], two whole numbers");
            return null;
        }

        var tile = new Tile(x, z);
        if (!map.Contains(tile))
        {
            Problem(path, $"{tile} is off the {map.Width} × {map.Height} map");
            return null;
        }

        return tile;
    }

    /// <summary>Records a problem for every field not in <paramref name="names"/>: a misspelt field is not silently ignored.</summary>
    public void Only(JsonElement element, string path, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (System.Array.IndexOf(names, property.Name) < 0)
            {
                Problem(Join(path, property.Name), $"unknown field (known: {string.Join(", ", names.Where(n => n != "$schema"))})");
            }
        }
    }

    /// <summary>Records a problem at <paramref name="path"/>.</summary>
    public void Problem(string path, string message) => problems.Add(new ContentProblem(file, path, message));
}
