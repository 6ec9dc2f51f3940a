namespace Hyperscape.Ecs.Game.Navigation;

/// <summary>The result of a path search.</summary>
/// <param name="Outcome">How the search ended.</param>
/// <param name="WaypointCount">Turning points written to the caller's span.</param>
/// <param name="End">Where the path ends (the goal when <see cref="PathOutcome.Found"/>).</param>
/// <param name="Truncated">True when the path has more turns than fitted; walk it, then search again.</param>
internal readonly record struct PathResult(PathOutcome Outcome, int WaypointCount, Tile End, bool Truncated);
