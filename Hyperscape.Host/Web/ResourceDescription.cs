namespace Hyperscape.Host.Web;

/// <summary>A resource type as the browser client shows it.</summary>
/// <param name="Id">The type id the sync's resource entities carry.</param>
/// <param name="Name">Display name.</param>
/// <param name="Skill">The skill that works it, in lowercase.</param>
/// <param name="Level">The level needed.</param>
/// <param name="Product">The item it gives.</param>
/// <param name="Blocks">True when it stands on its tile (trees, rocks), false for fishing spots in the water.</param>
public sealed record ResourceDescription(int Id, string Name, string Skill, int Level, int Product, bool Blocks);
