namespace Hyperscape.Host.Zones;

/// <summary>
/// What a zone process takes from the cluster for its players: the zone grain posts here and never
/// touches the world itself (the zone's game loop drains it, as it drains its sockets).
/// </summary>
public interface IZoneInbox
{
    /// <summary>Public chat of another zone's player near the border: for whoever here sees its ghost.</summary>
    void PublicChat(long speakerNetworkId, string speaker, string text);

    /// <summary>A private message from a player in another zone to <paramref name="recipient"/>, online here; false when no such player is here or it ignores the sender.</summary>
    Task<bool> DeliverPrivateAsync(string sender, long senderCharacterId, string recipient, string text);

    /// <summary>A friend in another zone came online or went offline: tell <paramref name="friendCharacterId"/> if it is here; true when it is.</summary>
    Task<bool> FriendStatusAsync(long friendCharacterId, string subject, long subjectCharacterId, bool online);

    /// <summary>A friend request (or its acceptance) from another zone for <paramref name="recipient"/>; true when the recipient is online here.</summary>
    Task<bool> SocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId);

    /// <summary>A neighbouring zone's ghosts for this tick (<see cref="GhostCodec"/> records); shown at the next tick.</summary>
    void ReceiveGhosts(int fromZone, byte[] ghosts);

    /// <summary>
    /// A player crossed into this zone, whose ownership moved here at <paramref name="epoch"/>: load
    /// it and keep it in the world, resumable with <paramref name="resumeToken"/>. False when the
    /// database says this zone does not own it at that epoch (a stale doorbell).
    /// </summary>
    /// <remarks>A player that was walking walks on there from the tick it arrives, and its combat clocks go on (<paramref name="carry"/>).</remarks>
    Task<bool> ArriveAsync(long characterId, long epoch, string resumeToken, CrossingCarry carry);
}
