namespace Hyperscape.Ecs.Persistence;

/// <summary>
/// Everything one game operation did to items, committed in one database transaction: the
/// resulting inventories and equipment of every character involved (both sides of a trade), ground
/// items and gravestones that appeared, changed or went, a player's death record, and kill counts. Committing the same id
/// twice applies it once.
/// </summary>
/// <param name="Id">The simulation's transaction id, unique across restarts.</param>
/// <param name="Kind">What operation it was.</param>
/// <param name="Characters">The characters whose items changed, as they now stand.</param>
/// <param name="GroundItemsAdded">Ground items that appeared.</param>
/// <param name="GroundItemsRemoved">Ids of ground items that were taken or despawned.</param>
/// <param name="Death">The death this transaction completes, if any.</param>
/// <param name="Kills">Kill counts that changed.</param>
public sealed record ItemTransaction(
    long Id,
    ItemTransactionKind Kind,
    IReadOnlyList<CharacterItems> Characters,
    IReadOnlyList<StoredGroundItem> GroundItemsAdded,
    IReadOnlyList<long> GroundItemsRemoved,
    DeathRecord? Death,
    IReadOnlyList<KillCount> Kills)
{
    /// <summary>Gravestones made or looted from, as they now stand (a whole gravestone is written each time).</summary>
    public IReadOnlyList<StoredGravestone> Gravestones { get; init; } = [];

    /// <summary>Ids of gravestones emptied or broken open.</summary>
    public IReadOnlyList<long> GravestonesRemoved { get; init; } = [];
}
