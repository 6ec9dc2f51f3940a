using System.Globalization;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Host.Zones;

/// <summary>A rectangle of tiles one zone owns, corners included.</summary>
/// <param name="Zone">The owning zone (1 or more).</param>
/// <param name="From">The corner with the smallest coordinates.</param>
/// <param name="To">The corner with the largest coordinates.</param>
internal readonly record struct ZoneRegion(int Zone, Tile From, Tile To)
{
    /// <summary>True when the tile lies in the rectangle.</summary>
    public bool Contains(Tile tile) => tile.X >= From.X && tile.X <= To.X && tile.Z >= From.Z && tile.Z <= To.Z;

    /// <summary>
    /// Reads a zone table written as <c>zone@x0,z0..x1,z1</c> entries separated by <c>;</c>; the problem
    /// names the first entry that does not read.
    /// </summary>
    public static bool TryParseTable(string text, out List<ZoneRegion> regions, out string? problem)
    {
        regions = [];
        problem = null;
        var entries = (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            problem = "the table is empty";
            return false;
        }

        foreach (var entry in entries)
        {
            var at = entry.Split('@');
            var corners = at.Length == 2 ? at[1].Split("..") : [];
            if (corners.Length != 2 || !TryInt(at[0], out var zone) || !TryTile(corners[0], out var from) || !TryTile(corners[1], out var to))
            {
                problem = $"'{entry}' is not zone@x0,z0..x1,z1";
                return false;
            }

            regions.Add(new ZoneRegion(zone, from, to));
        }

        return true;
    }

    private static bool TryTile(string text, out Tile tile)
    {
        var parts = text.Split(',');
        tile = default;
        if (parts.Length != 2 || !TryInt(parts[0], out var x) || !TryInt(parts[1], out var z))
        {
            return false;
        }

        tile = new Tile(x, z);
        return true;
    }

    private static bool TryInt(string text, out int value) => int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
