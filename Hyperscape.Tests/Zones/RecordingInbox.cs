using System.Collections.Concurrent;
using Hyperscape.Host.Zones;

namespace Hyperscape.Tests.Zones;

/// <summary>A zone's inbox in tests: the players online in it, and every private message it took.</summary>
internal sealed class RecordingInbox : IZoneInbox
{
    public ConcurrentDictionary<string, bool> Online { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<(string Sender, string Recipient, string Text)> Delivered { get; } = new();

    public Task<bool> DeliverPrivateAsync(string sender, long senderCharacterId, string recipient, string text)
    {
        if (!Online.ContainsKey(recipient))
        {
            return Task.FromResult(false);
        }

        Delivered.Enqueue((sender, recipient, text));
        return Task.FromResult(true);
    }

    public Task<bool> FriendStatusAsync(long friendCharacterId, string subject, long subjectCharacterId, bool online) => Task.FromResult(false);

    public Task<bool> SocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId) => Task.FromResult(Online.ContainsKey(recipient));

    public ConcurrentQueue<(long CharacterId, long Epoch, string Token)> Arrivals { get; } = new();

    public Task<bool> ArriveAsync(long characterId, long epoch, string resumeToken, CrossingCarry carry)
    {
        Arrivals.Enqueue((characterId, epoch, resumeToken));
        return Task.FromResult(true);
    }

    public ConcurrentQueue<(int FromZone, int Bytes)> Ghosts { get; } = new();

    public void PublicChat(long speakerNetworkId, string speaker, string text) => Delivered.Enqueue((speaker, "(public)", text));

    public void ReceiveGhosts(int fromZone, byte[] ghosts) => Ghosts.Enqueue((fromZone, ghosts.Length));
}
