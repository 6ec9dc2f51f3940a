using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>What the sync knows of one entity now: the synced fields, refreshed from changed chunks.</summary>
internal struct EntitySnapshot
{
    public Entity Entity;
    public long NetworkId;
    public WireEntityKind Kind;
    public float X;
    public float Y;
    public float Z;
    public float Yaw;
    public int Health;
    public int MaxHealth;
    public long TargetId;
    public long CombatUntil;
    public int EmoteId;
    public long EmoteUntil;
    public int TypeId;
    public int Quantity;
    public uint AppearanceHash;

    /// <summary>The tile the entity stands on, as last snapshotted.</summary>
    public readonly Tile Tile => new Position(X, Y, Z).Tile;

    /// <summary>The frame any synced field last changed.</summary>
    public uint ChangedFrame;

    /// <summary>Per field group, the frame it last changed: clients compare frames, not values.</summary>
    public uint HealthChanged;

    /// <summary>The frame the combat fields last changed.</summary>
    public uint CombatChanged;

    /// <summary>The frame the emote last changed.</summary>
    public uint EmoteChanged;

    /// <summary>The frame the quantity last changed.</summary>
    public uint QuantityChanged;

    /// <summary>The frame the worn items last changed.</summary>
    public uint AppearanceChanged;

    /// <summary>The frame the entity was last seen alive.</summary>
    public uint SeenFrame;

    /// <summary>Stamps the groups that differ from <paramref name="previous"/> (the same entity) as changed in <paramref name="frame"/>.</summary>
    public void StampChanges(in EntitySnapshot previous, uint frame)
    {
        HealthChanged = Health != previous.Health || MaxHealth != previous.MaxHealth ? frame : previous.HealthChanged;
        CombatChanged = TargetId != previous.TargetId || CombatUntil != previous.CombatUntil ? frame : previous.CombatChanged;
        EmoteChanged = EmoteId != previous.EmoteId || EmoteUntil != previous.EmoteUntil ? frame : previous.EmoteChanged;
        QuantityChanged = Quantity != previous.Quantity ? frame : previous.QuantityChanged;
        AppearanceChanged = AppearanceHash != previous.AppearanceHash ? frame : previous.AppearanceChanged;
    }

    /// <summary>Stamps every group as changed in <paramref name="frame"/> (a new entity).</summary>
    public void StampAll(uint frame)
    {
        HealthChanged = CombatChanged = EmoteChanged = QuantityChanged = AppearanceChanged = frame;
    }

    /// <summary>True when every synced field equals <paramref name="other"/>'s.</summary>
    public readonly bool SameFieldsAs(in EntitySnapshot other) =>
        X == other.X && Y == other.Y && Z == other.Z && Yaw == other.Yaw
        && Health == other.Health && MaxHealth == other.MaxHealth && TargetId == other.TargetId && CombatUntil == other.CombatUntil
        && EmoteId == other.EmoteId && EmoteUntil == other.EmoteUntil && Quantity == other.Quantity && AppearanceHash == other.AppearanceHash;
}
