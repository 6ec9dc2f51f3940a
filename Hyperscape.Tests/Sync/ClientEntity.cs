using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

/// <summary>An entity as the reference client knows it.</summary>
internal sealed class ClientEntity
{
    public WireEntityKind Kind { get; set; }

    public float X { get; set; }

    public float Y { get; set; }

    public float Z { get; set; }

    public float Yaw { get; set; }

    public int Health { get; set; }

    public int MaxHealth { get; set; }

    public long TargetId { get; set; }

    public long CombatUntil { get; set; }

    public int EmoteId { get; set; }

    public long EmoteUntil { get; set; }

    public string? Name { get; set; }

    public int TypeId { get; set; }

    public int Quantity { get; set; }

    public int[] Appearance { get; set; } = [];

    public uint UpdatedFrame { get; set; }
}
