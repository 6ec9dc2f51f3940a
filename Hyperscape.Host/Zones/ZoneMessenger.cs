namespace Hyperscape.Host.Zones;

/// <summary>
/// Sends what crosses zones, to the zone its recipient is online in (the presence grain of its name
/// says which): private messages, friends' online status, friend requests.
/// </summary>
public sealed class ZoneMessenger(IGrainFactory grains)
{
    /// <summary>Delivers a private message wherever its recipient is online; false when it is online nowhere.</summary>
    public async Task<bool> SendPrivateAsync(string sender, long senderCharacterId, string recipient, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        var zone = await ZoneOfAsync(recipient).ConfigureAwait(false);
        return zone != 0 && await grains.GetGrain<IZoneGrain>(zone).DeliverPrivateAsync(sender, senderCharacterId, recipient, text).ConfigureAwait(false);
    }

    /// <summary>Says in the cluster where a character is online now (0: it left the world).</summary>
    public Task AnnounceAsync(string name, int zone, bool online)
    {
        var presence = grains.GetGrain<IPresenceGrain>(name.ToLowerInvariant());
        return online ? presence.OnlineAsync(zone) : presence.OfflineAsync(zone);
    }

    /// <summary>Tells a friend in another zone that <paramref name="subject"/> came online or went offline; true when the friend is online there.</summary>
    public async Task<bool> TellFriendAsync(long friendCharacterId, string friendName, int notIn, string subject, long subjectCharacterId, bool online)
    {
        var zone = await ZoneOfAsync(friendName).ConfigureAwait(false);
        return zone != 0 && zone != notIn && await grains.GetGrain<IZoneGrain>(zone).FriendStatusAsync(friendCharacterId, subject, subjectCharacterId, online).ConfigureAwait(false);
    }

    /// <summary>Passes a friend request (or its acceptance) to the zone its recipient is online in; true when it is online somewhere.</summary>
    public async Task<bool> SendSocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId)
    {
        var zone = await ZoneOfAsync(recipient).ConfigureAwait(false);
        return zone != 0 && await grains.GetGrain<IZoneGrain>(zone).SocialAsync(recipient, friendAdded, sender, senderCharacterId).ConfigureAwait(false);
    }

    private Task<int> ZoneOfAsync(string name) => grains.GetGrain<IPresenceGrain>(name.ToLowerInvariant()).ZoneAsync();
}
