namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>
/// Which tiles can be walked on: a bit per tile over a <see cref="Width"/> × <see cref="Height"/>
/// area with its origin at (0, 0). Everything outside the area is blocked.
/// </summary>
public sealed class TileMap
{
    private readonly ulong[] _blocked;

    /// <summary>Creates an all-walkable map.</summary>
    public TileMap(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)width * height, 1L << 30);
        Width = width;
        Height = height;
        _blocked = new ulong[(((long)width * height) + 63) / 64];
    }

    /// <summary>Tiles along X.</summary>
    public int Width { get; }

    /// <summary>Tiles along Z.</summary>
    public int Height { get; }

    /// <summary>True when the tile lies on the map.</summary>
    public bool Contains(Tile tile) => (uint)tile.X < (uint)Width && (uint)tile.Z < (uint)Height;

    /// <summary>True when the tile is on the map and not blocked.</summary>
    public bool IsWalkable(Tile tile)
    {
        if (!Contains(tile))
        {
            return false;
        }

        var index = ((long)tile.Z * Width) + tile.X;
        return (_blocked[index >> 6] & (1UL << (int)(index & 63))) == 0;
    }

    /// <summary>Blocks or unblocks one tile.</summary>
    public void SetBlocked(Tile tile, bool blocked = true)
    {
        if (!Contains(tile))
        {
            throw new ArgumentOutOfRangeException(nameof(tile), tile, "The tile is off the map.");
        }

        var index = ((long)tile.Z * Width) + tile.X;
        if (blocked)
        {
            _blocked[index >> 6] |= 1UL << (int)(index & 63);
        }
        else
        {
            _blocked[index >> 6] &= ~(1UL << (int)(index & 63));
        }
    }

    /// <summary>Blocks a rectangle of tiles, corners inclusive.</summary>
    public void BlockRectangle(Tile from, Tile to)
    {
        for (var z = Math.Min(from.Z, to.Z); z <= Math.Max(from.Z, to.Z); z++)
        {
            for (var x = Math.Min(from.X, to.X); x <= Math.Max(from.X, to.X); x++)
            {
                SetBlocked(new Tile(x, z));
            }
        }
    }

    /// <summary>
    /// True when one step by (<paramref name="dx"/>, <paramref name="dz"/>), each -1..1, is allowed:
    /// the target tile is walkable and, for a diagonal, both tiles it cuts past are too.
    /// </summary>
    public bool CanStep(Tile from, int dx, int dz)
    {
        var to = new Tile(from.X + dx, from.Z + dz);
        if (!IsWalkable(to))
        {
            return false;
        }

        return dx == 0 || dz == 0
            || (IsWalkable(new Tile(from.X + dx, from.Z)) && IsWalkable(new Tile(from.X, from.Z + dz)));
    }

    /// <summary>
    /// One greedy step from <paramref name="from"/> toward <paramref name="to"/>: the diagonal when
    /// both axes differ and it is allowed, else the longer axis, else the shorter. Null when stuck
    /// or already there. This is how NPCs chase: cheap, and beatable by obstacles, as in OSRS.
    /// </summary>
    public Tile? GreedyStep(Tile from, Tile to)
    {
        var dx = Math.Sign(to.X - from.X);
        var dz = Math.Sign(to.Z - from.Z);
        if (dx == 0 && dz == 0)
        {
            return null;
        }

        if (dx != 0 && dz != 0 && CanStep(from, dx, dz))
        {
            return new Tile(from.X + dx, from.Z + dz);
        }

        var xFirst = Math.Abs(to.X - from.X) >= Math.Abs(to.Z - from.Z);
        if (xFirst && dx != 0 && CanStep(from, dx, 0))
        {
            return new Tile(from.X + dx, from.Z);
        }

        if (dz != 0 && CanStep(from, 0, dz))
        {
            return new Tile(from.X, from.Z + dz);
        }

        if (!xFirst && dx != 0 && CanStep(from, dx, 0))
        {
            return new Tile(from.X + dx, from.Z);
        }

        return null;
    }
}
