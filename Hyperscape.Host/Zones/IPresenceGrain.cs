namespace Hyperscape.Host.Zones;

/// <summary>
/// Where a character is online, keyed by its name in lower case: the one place every zone asks
/// before sending a private message or a friend's online status across the cluster.
/// </summary>
[Alias("hyperscape.presence")]
public interface IPresenceGrain : IGrainWithStringKey
{
    /// <summary>The character entered the world in <paramref name="zone"/> (or crossed into it).</summary>
    [Alias("online")]
    Task OnlineAsync(int zone);

    /// <summary>The character left the world from <paramref name="zone"/>; a later arrival elsewhere is kept.</summary>
    [Alias("offline")]
    Task OfflineAsync(int zone);

    /// <summary>The zone the character is online in, or 0.</summary>
    [Alias("zone")]
    Task<int> ZoneAsync();
}
