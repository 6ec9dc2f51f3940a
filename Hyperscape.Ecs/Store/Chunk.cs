using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// A block of rows of one archetype: an entity column plus one typed array per component,
/// all indexed by row. Rows <c>0 .. Count-1</c> are live; the rest is spare capacity.
/// </summary>
internal sealed class Chunk
{
    public Chunk(Archetype archetype, int capacity)
    {
        Archetype = archetype;
        Capacity = capacity;
        ReadOnlySpan<int> componentIds = archetype.ComponentIds;
        Entities = GC.AllocateUninitializedArray<Entity>(capacity);
        Columns = new Array[componentIds.Length];
        Versions = new uint[componentIds.Length];
        for (var i = 0; i < componentIds.Length; i++)
        {
            Columns[i] = ComponentRegistry.AllocateColumn(componentIds[i], capacity);
        }
    }

    public Archetype Archetype { get; }

    public Entity[] Entities { get; private set; }

    /// <summary>One <c>T[]</c> per component, in the archetype's column order.</summary>
    public Array[] Columns { get; }

    /// <summary>Per column, the world version of the last writable access.</summary>
    public uint[] Versions { get; }

    public int Count { get; set; }

    public int Capacity { get; private set; }

    /// <summary>Reallocates every column to <paramref name="capacity"/> rows, keeping live rows.</summary>
    public void Grow(ReadOnlySpan<int> componentIds, ReadOnlySpan<int> sizes, int capacity)
    {
        var entities = GC.AllocateUninitializedArray<Entity>(capacity);
        Entities.AsSpan(0, Count).CopyTo(entities);
        Entities = entities;
        for (var i = 0; i < Columns.Length; i++)
        {
            var column = ComponentRegistry.AllocateColumn(componentIds[i], capacity);
            var bytes = (uint)(Count * sizes[i]);
            Unsafe.CopyBlockUnaligned(
                ref MemoryMarshal.GetArrayDataReference(column),
                ref MemoryMarshal.GetArrayDataReference(Columns[i]),
                bytes);
            Columns[i] = column;
        }

        Capacity = capacity;
    }

    /// <summary>The first element of a column, stamped as written at <paramref name="version"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Write<T>(int column, uint version)
        where T : unmanaged
    {
        Versions[column] = version;
        return ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(Columns[column]));
    }

    /// <summary>The first element of a column, without stamping it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Read<T>(int column)
        where T : unmanaged => ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(Columns[column]));

    /// <summary>The bytes of one cell, for type-erased moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte Cell(int column, int row, int size) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Columns[column]), (nint)row * size);

    /// <summary>Stamps every column as written: rows were added or moved in.</summary>
    public void MarkAll(uint version) => Versions.AsSpan().Fill(version);
}
