namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>A rectangle of tiles, both corners included.</summary>
/// <param name="From">One corner.</param>
/// <param name="To">The opposite corner.</param>
public readonly record struct TileArea(Tile From, Tile To)
{
    /// <summary>True when <paramref name="tile"/> lies in the rectangle.</summary>
    public bool Contains(Tile tile) =>
        tile.X >= Math.Min(From.X, To.X) && tile.X <= Math.Max(From.X, To.X)
        && tile.Z >= Math.Min(From.Z, To.Z) && tile.Z <= Math.Max(From.Z, To.Z);
}
