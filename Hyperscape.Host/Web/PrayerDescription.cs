namespace Hyperscape.Host.Web;

/// <summary>A prayer as the browser client lists it; its index in the list is its id on the wire.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Level">The prayer level it needs.</param>
public sealed record PrayerDescription(string Name, int Level);
