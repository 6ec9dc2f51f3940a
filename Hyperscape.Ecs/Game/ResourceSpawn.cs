using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game;

/// <summary>A resource node of the world's definition: its type, its tile, and where it may move to.</summary>
/// <param name="DefinitionId">The resource type.</param>
/// <param name="Tile">Where it stands at start-up.</param>
/// <param name="Moves">Other tiles a moving node (a fishing spot) takes in turn; empty for one that stays.</param>
public sealed record ResourceSpawn(int DefinitionId, Tile Tile, IReadOnlyList<Tile> Moves)
{
    /// <summary>The tile of its <paramref name="index"/>-th place: 0 the start, then each move.</summary>
    public Tile TileAt(int index) => index == 0 || Moves.Count == 0 ? Tile : Moves[(index - 1) % Moves.Count];

    /// <summary>How many places it takes in turn.</summary>
    public int Places => 1 + Moves.Count;
}
