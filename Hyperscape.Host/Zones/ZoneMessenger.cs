namespace Hyperscape.Host.Zones;

/// <summary>Sends what crosses zones: a private message goes to the zone its recipient is online in.</summary>
public sealed class ZoneMessenger(IGrainFactory grains)
{
    /// <summary>Delivers a private message wherever its recipient is online; false when it is online nowhere.</summary>
    public async Task<bool> SendPrivateAsync(string sender, string recipient, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        var zone = await grains.GetGrain<IPresenceGrain>(recipient.ToLowerInvariant()).ZoneAsync().ConfigureAwait(false);
        return zone != 0 && await grains.GetGrain<IZoneGrain>(zone).DeliverPrivateAsync(sender, recipient, text).ConfigureAwait(false);
    }
}
