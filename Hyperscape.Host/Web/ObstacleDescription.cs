using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Host.Web;

/// <summary>An agility obstacle as the browser client labels it.</summary>
/// <param name="Name">Display name.</param>
/// <param name="At">Its tile (the sync's obstacle entity stands there).</param>
/// <param name="Landing">Where a crossing ends.</param>
/// <param name="Level">The agility level needed.</param>
/// <param name="XpTenths">XP for a crossing, in tenths.</param>
public sealed record ObstacleDescription(string Name, Tile At, Tile Landing, int Level, int XpTenths);
