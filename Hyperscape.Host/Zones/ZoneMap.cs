using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Host.Zones;

/// <summary>
/// The versioned table of which zone owns which tiles: rectangles that cover the world's map
/// exactly once, so every tile has one owner and a step that changes owner is a border crossing.
/// Built once per version from configuration; every problem is reported at once.
/// </summary>
internal sealed class ZoneMap
{
    // Network ids carry their zone in the bits above these, so ids made by different zones never
    // meet in a client's view (a ghost beside the player who crossed): 2^40 ids per zone.
    private const int ZoneIdShift = 40;

    private readonly int[] _owners;
    private readonly int _width;

    private ZoneMap(int version, int width, int[] owners, IReadOnlyList<int> zones)
    {
        Version = version;
        _width = width;
        _owners = owners;
        Zones = zones;
    }

    /// <summary>The table's version: zones agree on one before they hand players over.</summary>
    public int Version { get; }

    /// <summary>The zones that own tiles, in ascending order.</summary>
    public IReadOnlyList<int> Zones { get; }

    /// <summary>
    /// Builds the table for a <paramref name="width"/> by <paramref name="height"/> map; throws with every
    /// problem (a region off the map or inside out, a zone id below 1, tiles owned twice or by none).
    /// </summary>
    public static ZoneMap Create(int version, int width, int height, IReadOnlyList<ZoneRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var problems = new List<string>();
        if (version < 1)
        {
            problems.Add($"the version is 1 or more, not {version}");
        }

        var owners = new int[width * height];
        for (var r = 0; r < regions.Count; r++)
        {
            var region = regions[r];
            if (region.Zone < 1 || region.Zone >= 1 << (63 - ZoneIdShift))
            {
                problems.Add($"region {r}: zone ids run from 1 to {(1 << (63 - ZoneIdShift)) - 1}, not {region.Zone}");
                continue;
            }

            if (region.From.X > region.To.X || region.From.Z > region.To.Z || region.From.X < 0 || region.From.Z < 0 || region.To.X >= width || region.To.Z >= height)
            {
                problems.Add($"region {r}: ({region.From.X}, {region.From.Z})..({region.To.X}, {region.To.Z}) is inside out or off the {width}x{height} map");
                continue;
            }

            if (ClaimedBefore(owners, width, region) is { } taken)
            {
                problems.Add($"region {r}: tile ({taken.X}, {taken.Z}) is zone {owners[(taken.Z * width) + taken.X]}'s already");
            }
        }

        var unowned = Array.IndexOf(owners, 0);
        if (problems.Count == 0 && unowned >= 0)
        {
            problems.Add($"tile ({unowned % width}, {unowned / width}) belongs to no zone: the regions must cover the whole map");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The zone table is not valid: {string.Join("; ", problems)}.", nameof(regions));
        }

        return new ZoneMap(version, width, owners, [.. regions.Select(r => r.Zone).Distinct().Order()]);
    }

    /// <summary>Gives the region's tiles to its zone; the first tile another zone owned already, or null.</summary>
    private static Tile? ClaimedBefore(int[] owners, int width, ZoneRegion region)
    {
        for (var z = region.From.Z; z <= region.To.Z; z++)
        {
            for (var x = region.From.X; x <= region.To.X; x++)
            {
                ref var owner = ref owners[(z * width) + x];
                if (owner != 0 && owner != region.Zone)
                {
                    return new Tile(x, z);
                }

                owner = region.Zone;
            }
        }

        return null;
    }

    /// <summary>True when the tile is on the map.</summary>
    public bool Contains(Tile tile) => (uint)tile.X < (uint)_width && (uint)tile.Z < (uint)(_owners.Length / _width);

    /// <summary>The zone that owns a tile of the map.</summary>
    public int ZoneOf(Tile tile) => _owners[(tile.Z * _width) + tile.X];

    /// <summary>The zone a step from <paramref name="from"/> to <paramref name="to"/> hands the player to, or 0 when it stays in its zone.</summary>
    public int Crossing(Tile from, Tile to)
    {
        var there = ZoneOf(to);
        return there == ZoneOf(from) ? 0 : there;
    }

    /// <summary>The first network id a zone hands out: ids of different zones never collide.</summary>
    public static long FirstNetworkId(int zone) => ((long)zone << ZoneIdShift) + 1;

    /// <summary>The zone that made a network id.</summary>
    public static int ZoneOfNetworkId(long networkId) => (int)(networkId >> ZoneIdShift);
}
