using System.Security.Cryptography;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hyperscape.Host.Zones;

/// <summary>
/// The zone grain of the process running the zone. It never touches the world: a doorbell is
/// answered from the ledger here, and loading the player is the zone loop's work (not wired yet).
/// </summary>
[ZonePlacement]
internal sealed class ZoneGrain(ILocalSiloDetails silo, ISiloMetadataCache metadata, IZoneInbox inbox) : Grain, IZoneGrain
{
    private readonly DoorbellLedger _ledger = new();

    public Task<int> WhereAsync() => Task.FromResult(ZonePlacementDirector.ZoneOf(metadata.GetSiloMetadata(silo.SiloAddress)) ?? 0);

    public Task<string?> RingAsync(long characterId, long epoch, long handOffId, long tick)
    {
        var ticket = new HandOffTicket(characterId, FromZone: 0, ToZone: (int)this.GetPrimaryKeyLong(), epoch, handOffId, tick);
        return Task.FromResult(_ledger.Take(ticket, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), out var token) == DoorbellAnswer.Stale ? null : token);
    }

    public Task<bool> DeliverPrivateAsync(string sender, string recipient, string text) => Task.FromResult(inbox.DeliverPrivate(sender, recipient, text));
}
