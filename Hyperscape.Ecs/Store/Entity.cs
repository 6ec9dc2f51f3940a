using System.Runtime.InteropServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// A handle to an entity in a <see cref="World"/>: an index plus the version that index had
/// when the entity was created. When an entity is destroyed its index is recycled with a new
/// version, so an old handle is detected as stale instead of silently naming a new entity.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Entity : IEquatable<Entity>, IComparable<Entity>
{
    internal Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>The slot index of the entity inside its world. Negative for a command-buffer placeholder.</summary>
    public int Id { get; }

    /// <summary>The generation of the slot; a destroyed entity's slot is reused with a higher version.</summary>
    public int Version { get; }

    /// <summary>The handle that never names an entity (<c>default(Entity)</c>).</summary>
    public static Entity Null => default;

    /// <summary>True for <see cref="Null"/>.</summary>
    public bool IsNull => Id == 0 && Version == 0;

    /// <summary>True for a handle returned by <see cref="CommandBuffer.Create(in ComponentSet)"/> before playback.</summary>
    public bool IsPlaceholder => Id < 0;

    /// <inheritdoc />
    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Entity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <summary>Orders by index, then version; gives sets of entities a stable order.</summary>
    public int CompareTo(Entity other)
    {
        var byId = Id.CompareTo(other.Id);
        return byId != 0 ? byId : Version.CompareTo(other.Version);
    }

    /// <summary>Compares two handles.</summary>
    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    /// <summary>Compares two handles.</summary>
    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);

    /// <summary>Orders two handles.</summary>
    public static bool operator <(Entity left, Entity right) => left.CompareTo(right) < 0;

    /// <summary>Orders two handles.</summary>
    public static bool operator >(Entity left, Entity right) => left.CompareTo(right) > 0;

    /// <summary>Orders two handles.</summary>
    public static bool operator <=(Entity left, Entity right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two handles.</summary>
    public static bool operator >=(Entity left, Entity right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => IsNull ? "Entity(null)" : $"Entity({Id}v{Version})";
}
