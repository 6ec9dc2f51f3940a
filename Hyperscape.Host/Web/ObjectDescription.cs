using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Host.Web;

/// <summary>A fixed object of the world as the browser client labels it: its kind and, for a rune altar, the rune it makes.</summary>
/// <param name="At">Its tile (the sync's object entity stands there).</param>
/// <param name="Kind">The world object kind.</param>
/// <param name="Makes">The item a rune altar makes, 0 otherwise.</param>
public sealed record ObjectDescription(Tile At, int Kind, int Makes);
