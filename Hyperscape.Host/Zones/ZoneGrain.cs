using System.Security.Cryptography;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hyperscape.Host.Zones;

/// <summary>
/// The zone grain of the process running the zone. It never touches the world: a doorbell is
/// answered from the ledger, and loading the player is the zone loop's work (its inbox). Reentrant:
/// a doorbell waits on the database and the loop, and a crowd crossing at once must not queue
/// behind one another; a repeated ring of a crossing still being loaded waits for that same load.
/// </summary>
[ZonePlacement]
[Reentrant]
internal sealed class ZoneGrain(ILocalSiloDetails silo, ISiloMetadataCache metadata, IZoneInbox inbox) : Grain, IZoneGrain
{
    private readonly DoorbellLedger _ledger = new();
    private readonly Dictionary<long, Task<string?>> _loading = [];

    public Task<int> WhereAsync() => Task.FromResult(ZonePlacementDirector.ZoneOf(metadata.GetSiloMetadata(silo.SiloAddress)) ?? 0);

    public Task<string?> RingAsync(long characterId, long epoch, long handOffId, long tick, CrossingCarry carry)
    {
        // Grain turns interleave only at awaits, so the ledger and the table below need no lock.
        if (_loading.TryGetValue(handOffId, out var inFlight))
        {
            return inFlight;
        }

        var ticket = new HandOffTicket(characterId, FromZone: 0, ToZone: (int)this.GetPrimaryKeyLong(), epoch - 1, handOffId, tick);
        var answer = _ledger.Take(ticket, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), out var token);
        if (answer != DoorbellAnswer.Load)
        {
            return Task.FromResult(token);
        }

        var loading = ArriveAsync(characterId, epoch, handOffId, token!, carry);
        if (!loading.IsCompleted)
        {
            _loading[handOffId] = loading;
        }

        return loading;
    }

    public Task GhostsAsync(int fromZone, byte[] ghosts)
    {
        inbox.ReceiveGhosts(fromZone, ghosts);
        return Task.CompletedTask;
    }

    public Task PublicChatAsync(long speakerNetworkId, string speaker, string text)
    {
        inbox.PublicChat(speakerNetworkId, speaker, text);
        return Task.CompletedTask;
    }

    public Task<bool> DeliverPrivateAsync(string sender, long senderCharacterId, string recipient, string text) =>
        inbox.DeliverPrivateAsync(sender, senderCharacterId, recipient, text);

    public Task<bool> FriendStatusAsync(long friendCharacterId, string subject, long subjectCharacterId, bool online) =>
        inbox.FriendStatusAsync(friendCharacterId, subject, subjectCharacterId, online);

    public Task<bool> SocialAsync(string recipient, bool friendAdded, string sender, long senderCharacterId) =>
        inbox.SocialAsync(recipient, friendAdded, sender, senderCharacterId);

    private async Task<string?> ArriveAsync(long characterId, long epoch, long handOffId, string token, CrossingCarry carry)
    {
        try
        {
            if (await inbox.ArriveAsync(characterId, epoch, token, carry).ConfigureAwait(true))
            {
                return token;
            }

            _ledger.Forget(characterId);
            return null;
        }
        catch
        {
            // Not loaded: the next ring of this crossing must try again, not be told "done".
            _ledger.Forget(characterId);
            throw;
        }
        finally
        {
            _loading.Remove(handOffId);
        }
    }
}
