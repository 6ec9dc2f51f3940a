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

    /// <summary>
    /// The tiles of <paramref name="zone"/> within <paramref name="radius"/> tiles (Chebyshev) of a tile of
    /// <paramref name="neighbour"/>: where this zone's entities are shown to the neighbour as ghosts.
    /// Null when no tile is that close. Two passes of prefix sums, so any map size builds quickly.
    /// </summary>
    public bool[]? BorderBand(int zone, int neighbour, int radius)
    {
        var height = _owners.Length / _width;
        var rows = new bool[_owners.Length];
        var count = new int[Math.Max(_width, height) + 1];
        for (var z = 0; z < height; z++)
        {
            for (var x = 0; x < _width; x++)
            {
                count[x + 1] = count[x] + (_owners[(z * _width) + x] == neighbour ? 1 : 0);
            }

            for (var x = 0; x < _width; x++)
            {
                rows[(z * _width) + x] = count[Math.Min(_width, x + radius + 1)] - count[Math.Max(0, x - radius)] > 0;
            }
        }

        var band = new bool[_owners.Length];
        var any = false;
        for (var x = 0; x < _width; x++)
        {
            for (var z = 0; z < height; z++)
            {
                count[z + 1] = count[z] + (rows[(z * _width) + x] ? 1 : 0);
            }

            for (var z = 0; z < height; z++)
            {
                var i = (z * _width) + x;
                if (_owners[i] == zone && count[Math.Min(height, z + radius + 1)] - count[Math.Max(0, z - radius)] > 0)
                {
                    band[i] = any = true;
                }
            }
        }

        return any ? band : null;
    }

    /// <summary>
    /// The tile of <paramref name="zone"/> nearest to <paramref name="from"/> (Chebyshev rings outwards)
    /// that <paramref name="walkable"/> accepts, or null when the zone has none.
    /// </summary>
    public Tile? NearestTileOf(int zone, Tile from, Func<Tile, bool> walkable)
    {
        ArgumentNullException.ThrowIfNull(walkable);
        var height = _owners.Length / _width;
        for (var ring = 0; ring < Math.Max(_width, height); ring++)
        {
            for (var dz = -ring; dz <= ring; dz++)
            {
                for (var dx = -ring; dx <= ring; dx++)
                {
                    if (Math.Max(Math.Abs(dx), Math.Abs(dz)) != ring)
                    {
                        continue;
                    }

                    var tile = new Tile(from.X + dx, from.Z + dz);
                    if (Contains(tile) && ZoneOf(tile) == zone && walkable(tile))
                    {
                        return tile;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True when the tile is on the map and in the band.</summary>
    public bool InBand(bool[] band, Tile tile)
    {
        ArgumentNullException.ThrowIfNull(band);
        return Contains(tile) && band[(tile.Z * _width) + tile.X];
    }

    /// <summary>The first network id a zone hands out: ids of different zones never collide.</summary>
    public static long FirstNetworkId(int zone) => ((long)zone << ZoneIdShift) + 1;

    /// <summary>The zone that made a network id.</summary>
    public static int ZoneOfNetworkId(long networkId) => (int)(networkId >> ZoneIdShift);
}
