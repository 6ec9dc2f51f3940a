namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The fields of an entity entry in a sync frame. The entry's mask says which follow, in this
/// bit order. Stable bits: never renumber.
/// </summary>
[Flags]
public enum SyncField : ushort
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary>int: <see cref="WireEntityKind"/>. Spawns only.</summary>
    Kind = 1 << 0,

    /// <summary>float32 x, y, z.</summary>
    Position = 1 << 1,

    /// <summary>float32 yaw in radians.</summary>
    Rotation = 1 << 2,

    /// <summary>int current, int max.</summary>
    Health = 1 << 3,

    /// <summary>int64 target network id (0 for none), int64 in-combat-until tick.</summary>
    Combat = 1 << 4,

    /// <summary>int emote id, int64 until tick.</summary>
    Emote = 1 << 5,

    /// <summary>string: a player's name. Spawns only.</summary>
    Name = 1 << 6,

    /// <summary>int: the NPC type or the item id. Spawns only.</summary>
    Type = 1 << 7,

    /// <summary>int: a ground item's quantity.</summary>
    Quantity = 1 << 8,

    /// <summary>array of 11 ints: the item ids a player wears, by equipment slot.</summary>
    Appearance = 1 << 9,
}
