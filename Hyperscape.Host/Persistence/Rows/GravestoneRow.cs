using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence.Rows;

/// <summary>A <c>gravestones</c> row.</summary>
internal sealed class GravestoneRow
{
    public long Id { get; set; }

    public long DeathId { get; set; }

    public long CharacterId { get; set; }

    public float PositionX { get; set; }

    public float PositionY { get; set; }

    public float PositionZ { get; set; }

    public long BreaksAtUnixMs { get; set; }

    public StoredGravestone ToRecord(IReadOnlyList<ItemStack> items, TimeSpan breaksIn) =>
        new(Id, DeathId, CharacterId, new Position(PositionX, PositionY, PositionZ), items, breaksIn);
}
