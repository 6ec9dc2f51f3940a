namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// A tool that works a resource, with the OSRS-style roll it gives: a success chance of
/// (1 + <paramref name="Low"/>)/256 at level 1 rising to (1 + <paramref name="High"/>)/256 at 99.
/// </summary>
/// <param name="ItemId">The tool, carried or wielded.</param>
/// <param name="Level">The skill level needed to use it (a steel axe needs woodcutting 6).</param>
/// <param name="Low">The roll at level 1, out of 256.</param>
/// <param name="High">The roll at level 99, out of 256 (above 255: certain before 99).</param>
public readonly record struct ResourceTool(int ItemId, int Level, int Low, int High);
