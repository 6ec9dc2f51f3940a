namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>A world tile. One unit of <c>Position</c> is one tile; X runs east, Z north.</summary>
/// <param name="X">East-west coordinate.</param>
/// <param name="Z">North-south coordinate.</param>
public readonly record struct Tile(int X, int Z)
{
    /// <summary>Chebyshev distance: the number of 8-way steps between two tiles on an open map.</summary>
    public int DistanceTo(Tile other) => Math.Max(Math.Abs(X - other.X), Math.Abs(Z - other.Z));

    /// <summary>True when the two tiles are cardinally adjacent.</summary>
    public bool IsCardinallyAdjacentTo(Tile other) => Math.Abs(X - other.X) + Math.Abs(Z - other.Z) == 1;

    /// <inheritdoc />
    public override string ToString() => $"({X}, {Z})";
}
