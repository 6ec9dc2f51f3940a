using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// Entity index → slot, open addressing with linear probing and backward-shift deletion, sized
/// once for a client's capacity. Key and slot share one long, so a probe touches one cache line.
/// No tombstones, no allocation after construction.
/// </summary>
internal sealed class EntitySlotMap
{
    private const long Empty = -1;
    private readonly long[] _entries;
    private readonly int _mask;

    public EntitySlotMap(int capacity)
    {
        var size = 1;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _entries = new long[size];
        _entries.AsSpan().Fill(Empty);
        _mask = size - 1;
    }

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int key)
    {
        for (var i = Hash(key); ; i = (i + 1) & _mask)
        {
            var entry = _entries[i];
            if (entry == Empty)
            {
                return -1;
            }

            if ((int)(entry >> 32) == key)
            {
                return (int)entry;
            }
        }
    }

    public void Add(int key, int value)
    {
        var i = Hash(key);
        while (_entries[i] != Empty)
        {
            i = (i + 1) & _mask;
        }

        _entries[i] = ((long)key << 32) | (uint)value;
        Count++;
    }

    public void Remove(int key)
    {
        var i = Hash(key);
        while ((int)(_entries[i] >> 32) != key || _entries[i] == Empty)
        {
            if (_entries[i] == Empty)
            {
                return;
            }

            i = (i + 1) & _mask;
        }

        // Shift later members of the probe run back so lookups never cross a hole.
        var hole = i;
        for (var j = (hole + 1) & _mask; _entries[j] != Empty; j = (j + 1) & _mask)
        {
            var home = Hash((int)(_entries[j] >> 32));
            var movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable)
            {
                _entries[hole] = _entries[j];
                hole = j;
            }
        }

        _entries[hole] = Empty;
        Count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Hash(int key) => (int)((uint)key * 2654435769u >> 7) & _mask;
}
