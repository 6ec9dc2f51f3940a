using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>Where an entity stands. The world is tiled (1 unit = 1 tile); floats are kept for the wire.</summary>
/// <param name="X">East-west, in tiles.</param>
/// <param name="Y">Height.</param>
/// <param name="Z">North-south, in tiles.</param>
public record struct Position(float X, float Y, float Z)
{
    /// <summary>The tile the position lies on.</summary>
    public readonly Tile Tile => new((int)MathF.Floor(X), (int)MathF.Floor(Z));

    /// <summary>The position at the origin corner of a tile, at ground height.</summary>
    public static Position At(Tile tile) => new(tile.X, 0, tile.Z);
}
