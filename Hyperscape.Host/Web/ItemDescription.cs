namespace Hyperscape.Host.Web;

/// <summary>An item as the browser client shows it.</summary>
/// <param name="Id">The item id the wire carries.</param>
/// <param name="Name">Its name.</param>
/// <param name="Stackable">True when many fit one slot.</param>
/// <param name="Slot">The equipment slot it is worn in, or -1.</param>
/// <param name="Heals">Hitpoints eating it heals, or 0.</param>
public sealed record ItemDescription(int Id, string Name, bool Stackable, int Slot, int Heals);
