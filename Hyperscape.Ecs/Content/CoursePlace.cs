using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Content;

/// <summary>A tile of an agility course checked once the whole world stands: a landing (walkable) or an obstacle (walkable beside).</summary>
/// <param name="Tile">The tile.</param>
/// <param name="Path">Where the file names it.</param>
/// <param name="Beside">True for an obstacle, which needs a walkable tile beside it; false for a landing.</param>
internal readonly record struct CoursePlace(Tile Tile, string Path, bool Beside);
