namespace Hyperscape.Host.Web;

/// <summary>A combat spell as the browser client offers it: <c>CastSpell</c> and <c>SetAutocast</c> name it by <paramref name="Id"/>.</summary>
/// <param name="Id">The spell's id on the wire.</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">The magic level needed.</param>
/// <param name="MaxHit">Its max hit before magic damage bonuses.</param>
/// <param name="Runes">The runes a cast uses up, as [item, quantity] pairs.</param>
public sealed record SpellDescription(int Id, string Name, int Level, int MaxHit, IReadOnlyList<int[]> Runes);
