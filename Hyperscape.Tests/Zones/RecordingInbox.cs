using System.Collections.Concurrent;
using Hyperscape.Host.Zones;

namespace Hyperscape.Tests.Zones;

/// <summary>A zone's inbox in tests: the players online in it, and every private message it took.</summary>
internal sealed class RecordingInbox : IZoneInbox
{
    public ConcurrentDictionary<string, bool> Online { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<(string Sender, string Recipient, string Text)> Delivered { get; } = new();

    public bool DeliverPrivate(string sender, string recipient, string text)
    {
        if (!Online.ContainsKey(recipient))
        {
            return false;
        }

        Delivered.Enqueue((sender, recipient, text));
        return true;
    }

    public ConcurrentQueue<(long CharacterId, long Epoch, string Token)> Arrivals { get; } = new();

    public Task<bool> ArriveAsync(long characterId, long epoch, string resumeToken, Hyperscape.Ecs.Game.Navigation.Tile? walkTo)
    {
        Arrivals.Enqueue((characterId, epoch, resumeToken));
        return Task.FromResult(true);
    }

    public ConcurrentQueue<(int FromZone, int Bytes)> Ghosts { get; } = new();

    public void ReceiveGhosts(int fromZone, byte[] ghosts) => Ghosts.Enqueue((fromZone, ghosts.Length));
}
