namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>
/// Whether a projectile can fly between two tiles: every tile a straight line crosses between them
/// (Bresenham's walk, the ends excluded) must be open. Walls and objects block; so, on this map,
/// does water, which the tile map does not tell from a wall.
/// </summary>
public static class LineOfSight
{
    /// <summary>True when nothing blocked stands between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static bool Clear(TileMap map, Tile from, Tile to)
    {
        ArgumentNullException.ThrowIfNull(map);
        int x = from.X, z = from.Z;
        var dx = Math.Abs(to.X - x);
        var dz = -Math.Abs(to.Z - z);
        var stepX = x < to.X ? 1 : -1;
        var stepZ = z < to.Z ? 1 : -1;
        var error = dx + dz;
        while (true)
        {
            if (x == to.X && z == to.Z)
            {
                return true;
            }

            if ((x != from.X || z != from.Z) && !map.IsWalkable(new Tile(x, z)))
            {
                return false;
            }

            var doubled = 2 * error;
            if (doubled >= dz)
            {
                error += dz;
                x += stepX;
            }

            if (doubled <= dx)
            {
                error += dx;
                z += stepZ;
            }
        }
    }
}
