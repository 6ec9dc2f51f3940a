using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Every synced field, described once, in mask-bit order: the writer walks this table to write
/// an entry, and the size estimates and value counts come from it (precomputed for every mask,
/// so the hot path pays one array read). docs/PROTOCOL.md's field table is this one.
/// </summary>
internal static class SyncFieldTable
{
    /// <summary>An entry's fixed part: array header, op, network id (int64), mask (uint16).</summary>
    public const int EntryHeaderBytes = 3 + 1 + 9 + 3;

    /// <summary>The smallest entry: an update of one small field.</summary>
    public const int MinEntryBytes = 8;

    public static readonly SyncFieldSpec[] Fields =
    [
        new(SyncField.Kind, 1, 1),
        new(SyncField.Position, 3, 15),
        new(SyncField.Rotation, 1, 5),
        new(SyncField.Health, 2, 10),
        new(SyncField.Combat, 2, 18),
        new(SyncField.Emote, 2, 14),
        new(SyncField.Name, 1, 2 + (DisplayName.MaxLength * 3)),
        new(SyncField.Type, 1, 5),
        new(SyncField.Quantity, 1, 5),
        new(SyncField.Appearance, 1, 3 + (Equipment.SlotCount * 5)),
    ];

    /// <summary>Every field of a player, an NPC and a ground item: what a spawn carries.</summary>
    public const SyncField PlayerFields = SyncField.Kind | SyncField.Position | SyncField.Rotation | SyncField.Health | SyncField.Combat | SyncField.Emote | SyncField.Name | SyncField.Appearance;

    /// <inheritdoc cref="PlayerFields"/>
    public const SyncField NpcFields = SyncField.Kind | SyncField.Position | SyncField.Rotation | SyncField.Health | SyncField.Combat | SyncField.Emote | SyncField.Type;

    /// <inheritdoc cref="PlayerFields"/>
    public const SyncField GroundItemFields = SyncField.Kind | SyncField.Position | SyncField.Type | SyncField.Quantity;

    /// <summary>The size reserved for a spawn when estimating whether entries fit: the largest kind's.</summary>
    public const SyncField SpawnEstimate = PlayerFields;

    private static readonly int[] ValueCounts = new int[1 << Fields.Length];
    private static readonly int[] MaxSizes = new int[1 << Fields.Length];

    static SyncFieldTable()
    {
        for (var mask = 0; mask < ValueCounts.Length; mask++)
        {
            var values = 0;
            var bytes = EntryHeaderBytes;
            foreach (var spec in Fields)
            {
                if ((mask & (int)spec.Field) != 0)
                {
                    values += spec.Values;
                    bytes += spec.MaxBytes;
                }
            }

            ValueCounts[mask] = values;
            MaxSizes[mask] = bytes;
        }
    }

    /// <summary>How many array elements follow the mask for these fields.</summary>
    public static int ValueCount(SyncField fields) => ValueCounts[(int)fields];

    /// <summary>An upper bound of an entry's encoded size, so entries that cannot fit are not encoded.</summary>
    public static int MaxEntrySize(SyncField fields) => MaxSizes[(int)fields];

    /// <summary>The fields a spawn of this kind carries.</summary>
    public static SyncField SpawnFields(WireEntityKind kind) => kind switch
    {
        WireEntityKind.Player => PlayerFields,
        WireEntityKind.Npc => NpcFields,
        _ => GroundItemFields,
    };
}
