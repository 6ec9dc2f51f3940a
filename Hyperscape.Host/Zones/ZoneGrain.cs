using System.Security.Cryptography;
using Hyperscape.Ecs.Game.Navigation;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hyperscape.Host.Zones;

/// <summary>
/// The zone grain of the process running the zone. It never touches the world: a doorbell is
/// answered from the ledger, and loading the player is the zone loop's work (its inbox). Calls to
/// one grain run one at a time, so a repeated doorbell waits for the first and gets its token.
/// </summary>
[ZonePlacement]
internal sealed class ZoneGrain(ILocalSiloDetails silo, ISiloMetadataCache metadata, IZoneInbox inbox) : Grain, IZoneGrain
{
    private readonly DoorbellLedger _ledger = new();

    public Task<int> WhereAsync() => Task.FromResult(ZonePlacementDirector.ZoneOf(metadata.GetSiloMetadata(silo.SiloAddress)) ?? 0);

    public async Task<string?> RingAsync(long characterId, long epoch, long handOffId, long tick, int walkToX, int walkToZ)
    {
        var ticket = new HandOffTicket(characterId, FromZone: 0, ToZone: (int)this.GetPrimaryKeyLong(), epoch - 1, handOffId, tick);
        var answer = _ledger.Take(ticket, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), out var token);
        if (answer != DoorbellAnswer.Load)
        {
            return token;
        }

        try
        {
            if (await inbox.ArriveAsync(characterId, epoch, token!, walkToX >= 0 && walkToZ >= 0 ? new Tile(walkToX, walkToZ) : null).ConfigureAwait(true))
            {
                return token;
            }
        }
        catch
        {
            // Not loaded: the next ring of this crossing must try again, not be told "done".
            _ledger.Forget(characterId);
            throw;
        }

        _ledger.Forget(characterId);
        return null;
    }

    public Task GhostsAsync(int fromZone, byte[] ghosts)
    {
        inbox.ReceiveGhosts(fromZone, ghosts);
        return Task.CompletedTask;
    }

    public Task<bool> DeliverPrivateAsync(string sender, long senderCharacterId, string recipient, string text) =>
        inbox.DeliverPrivateAsync(sender, senderCharacterId, recipient, text);

    public Task<bool> FriendStatusAsync(long friendCharacterId, string subject, long subjectCharacterId, bool online) =>
        inbox.FriendStatusAsync(friendCharacterId, subject, subjectCharacterId, online);

    public Task<bool> SocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId) =>
        inbox.SocialAsync(recipient, friendAdded, sender, senderCharacterId);
}
