namespace Hyperscape.Ecs.Store;

/// <summary>
/// Describes a registered component type: its process-wide id, CLR type and size in bytes.
/// Ids are assigned on first use of a type and are the same for every <see cref="World"/>.
/// </summary>
public readonly struct ComponentType : IEquatable<ComponentType>
{
    internal ComponentType(int id, Type type, int size)
    {
        Id = id;
        Type = type;
        Size = size;
    }

    /// <summary>The process-wide id, dense from 0; at most <see cref="ComponentSet.Capacity"/> types exist.</summary>
    public int Id { get; }

    /// <summary>The component's CLR type.</summary>
    public Type Type { get; }

    /// <summary>The size of one component value in bytes.</summary>
    public int Size { get; }

    /// <summary>The descriptor of <typeparamref name="T"/>, registering it on first use.</summary>
    public static ComponentType Of<T>()
        where T : unmanaged => ComponentRegistry.Get(ComponentId<T>.Value);

    /// <inheritdoc />
    public bool Equals(ComponentType other) => Id == other.Id && Type == other.Type;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ComponentType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Id;

    /// <summary>Compares two descriptors.</summary>
    public static bool operator ==(ComponentType left, ComponentType right) => left.Equals(right);

    /// <summary>Compares two descriptors.</summary>
    public static bool operator !=(ComponentType left, ComponentType right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Type is null ? "(none)" : Type.Name;
}
