using Orleans.Concurrency;

namespace Hyperscape.Host.Zones;

/// <summary>
/// A zone as the cluster sees it, keyed by zone id and placed only on the process that runs that
/// zone: when no live process does, calls fail instead of creating the zone somewhere else.
/// </summary>
[Alias("hyperscape.zone")]
public interface IZoneGrain : IGrainWithIntegerKey
{
    /// <summary>The zone id of the process the grain lives on (its silo's metadata).</summary>
    [Alias("where")]
    Task<int> WhereAsync();

    /// <summary>
    /// A hand-off doorbell, rung with the epoch the receiving zone now owns the character at: it loads
    /// the character and answers with the crossing's resume token, the same one however often the
    /// same crossing rings, or null for a stale epoch.
    /// </summary>
    /// <remarks><paramref name="carry"/>: where it was walking and its combat clocks, which go on in the new zone.</remarks>
    [Alias("ring")]
    Task<string?> RingAsync(long characterId, long epoch, long handOffId, long tick, CrossingCarry carry);

    /// <summary>
    /// The ghosts a neighbouring zone shows here this tick (<see cref="GhostCodec"/> records); one-way:
    /// a lost batch costs a ghost a tick of staleness, never a wrong state.
    /// </summary>
    [Alias("ghosts"), OneWay]
    Task GhostsAsync(int fromZone, byte[] ghosts);

    /// <summary>Public chat of a player near the border with this zone: heard here by whoever sees its ghost. One-way.</summary>
    [Alias("public"), OneWay]
    Task PublicChatAsync(long speakerNetworkId, string speaker, string text);

    /// <summary>A private message for a player online in this zone; false when the player is not here (or ignores the sender).</summary>
    [Alias("private")]
    Task<bool> DeliverPrivateAsync(string sender, long senderCharacterId, string recipient, string text);

    /// <summary>
    /// A friend of <paramref name="friendCharacterId"/>, in another zone, came online or went offline;
    /// true when that friend is online here (so the subject learns it too).
    /// </summary>
    [Alias("friend-status")]
    Task<bool> FriendStatusAsync(long friendCharacterId, string subject, long subjectCharacterId, bool online);

    /// <summary>
    /// A player in another zone sent <paramref name="recipient"/>, online here, a friend request or
    /// accepted theirs (<paramref name="friendAdded"/>); true when the recipient is online here.
    /// </summary>
    [Alias("social")]
    Task<bool> SocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId);
}
