namespace Hyperscape.Host.Web;

/// <summary>An item as the browser client shows it.</summary>
/// <param name="Id">The item id the wire carries.</param>
/// <param name="Name">Its name.</param>
/// <param name="Stackable">True when many fit one slot.</param>
/// <param name="Slot">The equipment slot it is worn in, or -1.</param>
/// <param name="Heals">Hitpoints eating it heals, or 0.</param>
/// <param name="Styles">
/// For a weapon, the names of its combat options in button order: SetAttackStyle's value is an
/// index into them. Empty for anything else.
/// </param>
/// <param name="Requirements">The levels wearing it needs, as "Attack 5".</param>
/// <param name="BuryXpTenths">Prayer XP in tenths for burying it, or 0.</param>
/// <param name="Burnable">Logs that light with a tinderbox.</param>
/// <param name="Cookable">Raw food that cooks on a fire or range.</param>
public sealed record ItemDescription(int Id, string Name, bool Stackable, int Slot, int Heals, IReadOnlyList<string> Styles, IReadOnlyList<string> Requirements, int BuryXpTenths, bool Burnable, bool Cookable);
