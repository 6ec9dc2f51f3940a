namespace Hyperscape.Host.Zones;

/// <summary>What identifies one border crossing in every message about it, so each is idempotent.</summary>
/// <param name="CharacterId">Who crosses.</param>
/// <param name="FromZone">The zone that owns the character now.</param>
/// <param name="ToZone">The zone whose tile it stepped on.</param>
/// <param name="Epoch">The ownership epoch the sending zone holds; the move commits epoch + 1.</param>
/// <param name="HandOffId">Unique per crossing: a repeated message with the same id is the same crossing.</param>
/// <param name="Tick">The tick the player stepped over the border.</param>
internal readonly record struct HandOffTicket(long CharacterId, int FromZone, int ToZone, long Epoch, long HandOffId, long Tick)
{
    /// <summary>The epoch the receiving zone owns the character under once the move commits.</summary>
    public long NextEpoch => Epoch + 1;
}
