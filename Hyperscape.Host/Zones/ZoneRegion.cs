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
}
