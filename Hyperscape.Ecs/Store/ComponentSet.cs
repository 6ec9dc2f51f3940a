using System.Numerics;
using System.Text;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// An immutable set of component types, stored as a 256-bit mask. It names an archetype's exact
/// component set and the All / Any / None parts of a <see cref="QueryDescription"/>. Every
/// operation is a few bitwise instructions and allocates nothing.
/// </summary>
public readonly struct ComponentSet : IEquatable<ComponentSet>
{
    /// <summary>The most component types a process can register.</summary>
    public const int Capacity = 256;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    private ComponentSet(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    /// <summary>The set with no components.</summary>
    public static ComponentSet Empty => default;

    /// <summary>True when the set holds no component.</summary>
    public bool IsEmpty => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>The number of component types in the set.</summary>
    public int Count =>
        BitOperations.PopCount(_w0) + BitOperations.PopCount(_w1) + BitOperations.PopCount(_w2) + BitOperations.PopCount(_w3);

    /// <summary>The set of one component type.</summary>
    public static ComponentSet Of<T1>()
        where T1 : unmanaged => Empty.With<T1>();

    /// <summary>The set of two component types.</summary>
    public static ComponentSet Of<T1, T2>()
        where T1 : unmanaged
        where T2 : unmanaged => Empty.With<T1>().With<T2>();

    /// <summary>The set of three component types.</summary>
    public static ComponentSet Of<T1, T2, T3>()
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged => Empty.With<T1>().With<T2>().With<T3>();

    /// <summary>The set of four component types; chain <see cref="With{T}"/> for more.</summary>
    public static ComponentSet Of<T1, T2, T3, T4>()
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged => Empty.With<T1>().With<T2>().With<T3>().With<T4>();

    /// <summary>This set plus <typeparamref name="T"/>.</summary>
    public ComponentSet With<T>()
        where T : unmanaged => With(ComponentId<T>.Value);

    /// <summary>This set plus <paramref name="type"/>.</summary>
    public ComponentSet With(ComponentType type) => With(type.Id);

    /// <summary>This set without <typeparamref name="T"/>.</summary>
    public ComponentSet Without<T>()
        where T : unmanaged => Without(ComponentId<T>.Value);

    /// <summary>True when the set holds <typeparamref name="T"/>.</summary>
    public bool Contains<T>()
        where T : unmanaged => Contains(ComponentId<T>.Value);

    /// <summary>True when the set holds <paramref name="type"/>.</summary>
    public bool Contains(ComponentType type) => Contains(type.Id);

    /// <summary>True when every component of <paramref name="other"/> is in this set.</summary>
    public bool IsSupersetOf(in ComponentSet other) =>
        ((other._w0 & ~_w0) | (other._w1 & ~_w1) | (other._w2 & ~_w2) | (other._w3 & ~_w3)) == 0;

    /// <summary>True when the two sets share at least one component.</summary>
    public bool Overlaps(in ComponentSet other) =>
        ((other._w0 & _w0) | (other._w1 & _w1) | (other._w2 & _w2) | (other._w3 & _w3)) != 0;

    /// <summary>The components in either set.</summary>
    public ComponentSet Union(in ComponentSet other) =>
        new(_w0 | other._w0, _w1 | other._w1, _w2 | other._w2, _w3 | other._w3);

    /// <summary>The components in both sets.</summary>
    public ComponentSet Intersect(in ComponentSet other) =>
        new(_w0 & other._w0, _w1 & other._w1, _w2 & other._w2, _w3 & other._w3);

    /// <summary>Enumerates the component types in ascending id order.</summary>
    public Enumerator GetEnumerator() => new(this);

    internal ComponentSet With(int id)
    {
        var bit = 1UL << (id & 63);
        return (id >> 6) switch
        {
            0 => new(_w0 | bit, _w1, _w2, _w3),
            1 => new(_w0, _w1 | bit, _w2, _w3),
            2 => new(_w0, _w1, _w2 | bit, _w3),
            3 => new(_w0, _w1, _w2, _w3 | bit),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };
    }

    internal ComponentSet Without(int id)
    {
        var keep = ~(1UL << (id & 63));
        return (id >> 6) switch
        {
            0 => new(_w0 & keep, _w1, _w2, _w3),
            1 => new(_w0, _w1 & keep, _w2, _w3),
            2 => new(_w0, _w1, _w2 & keep, _w3),
            3 => new(_w0, _w1, _w2, _w3 & keep),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };
    }

    internal bool Contains(int id) => (Word(id >> 6) & (1UL << (id & 63))) != 0;

    internal ulong Word(int index) => index switch
    {
        0 => _w0,
        1 => _w1,
        2 => _w2,
        3 => _w3,
        _ => 0,
    };

    /// <summary>Writes the component ids in ascending order; returns how many were written.</summary>
    internal int CopyIdsTo(Span<int> destination)
    {
        var written = 0;
        foreach (var type in this)
        {
            destination[written++] = type.Id;
        }

        return written;
    }

    /// <inheritdoc />
    public bool Equals(ComponentSet other) =>
        _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ComponentSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <summary>Compares two sets.</summary>
    public static bool operator ==(ComponentSet left, ComponentSet right) => left.Equals(right);

    /// <summary>Compares two sets.</summary>
    public static bool operator !=(ComponentSet left, ComponentSet right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var type in this)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append(type.Type.Name);
        }

        return text.Append('}').ToString();
    }

    /// <summary>Walks the set bits of a <see cref="ComponentSet"/> without allocating.</summary>
    public struct Enumerator
    {
        private readonly ComponentSet _set;
        private int _word;
        private ulong _remaining;
        private int _current;

        internal Enumerator(ComponentSet set)
        {
            _set = set;
            _word = 0;
            _remaining = set._w0;
            _current = -1;
        }

        /// <summary>The current component type.</summary>
        public readonly ComponentType Current => ComponentRegistry.Get(_current);

        /// <summary>Advances to the next component type.</summary>
        public bool MoveNext()
        {
            while (_remaining == 0)
            {
                if (++_word >= 4)
                {
                    return false;
                }

                _remaining = _set.Word(_word);
            }

            var bit = BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            _current = (_word << 6) + bit;
            return true;
        }
    }
}
