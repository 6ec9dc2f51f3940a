using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Host.Persistence.Rows;

/// <summary>A <c>ground_items</c> row.</summary>
internal sealed class GroundItemRow
{
    public long Id { get; set; }

    public int ItemId { get; set; }

    public int Quantity { get; set; }

    public float PositionX { get; set; }

    public float PositionY { get; set; }

    public float PositionZ { get; set; }

    public long? OwnerCharacterId { get; set; }

    public long? DespawnsAtUnixMs { get; set; }

    /// <summary>The record, its despawn time told as what is left of it at <paramref name="nowUnixMs"/> (nothing, when overdue).</summary>
    public Ecs.Persistence.StoredGroundItem ToRecord(long nowUnixMs) => new(Id, ItemId, Quantity, new Position(PositionX, PositionY, PositionZ), OwnerCharacterId)
    {
        DespawnsIn = DespawnsAtUnixMs is { } at ? TimeSpan.FromMilliseconds(Math.Max(0, at - nowUnixMs)) : null,
    };
}
