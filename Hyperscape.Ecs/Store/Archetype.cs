using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// All entities with exactly one component set, stored in chunks. Only the last active chunk
/// may be partly filled, so a removal swaps the archetype's last row into the hole.
/// </summary>
internal sealed class Archetype
{
    private readonly int[] _columnOf;
    private readonly int _initialRows;
    private Archetype?[] _addEdges = [];
    private Archetype?[] _removeEdges = [];

    public Archetype(in ComponentSet components, WorldOptions options)
    {
        Components = components;
        ComponentIds = new int[components.Count];
        components.CopyIdsTo(ComponentIds);
        Sizes = new int[ComponentIds.Length];
        var maxId = ComponentIds.Length == 0 ? -1 : ComponentIds[^1];
        _columnOf = new int[maxId + 1];
        _columnOf.AsSpan().Fill(-1);
        var rowBytes = Unsafe.SizeOf<Entity>();
        for (var column = 0; column < ComponentIds.Length; column++)
        {
            var id = ComponentIds[column];
            Sizes[column] = ComponentRegistry.Get(id).Size;
            _columnOf[id] = column;
            rowBytes += Sizes[column];
        }

        // Each column starts 64-byte aligned; leaving room for that padding keeps a full chunk
        // inside one block of ChunkSizeBytes, so full chunks of every archetype share a size class.
        var padding = Chunk.Alignment * (ComponentIds.Length + 1);
        ChunkCapacity = Math.Max(1, (options.ChunkSizeBytes - padding) / rowBytes);
        _initialRows = Math.Min(options.InitialChunkRows, ChunkCapacity);
    }

    public ComponentSet Components { get; }

    /// <summary>Component ids in ascending order; the index is the column.</summary>
    public int[] ComponentIds { get; }

    /// <summary>Per column, the component size in bytes.</summary>
    public int[] Sizes { get; }

    /// <summary>Rows in a full chunk.</summary>
    public int ChunkCapacity { get; }

    /// <summary>Active chunks are <c>Chunks[0 .. ChunkCount-1]</c>; empty spares may follow.</summary>
    public Chunk[] Chunks { get; private set; } = [];

    public int ChunkCount { get; private set; }

    public int EntityCount { get; set; }

    /// <summary>The column of a component, or -1 when the archetype lacks it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ColumnOf(int componentId) =>
        (uint)componentId < (uint)_columnOf.Length ? _columnOf[componentId] : -1;

    public Archetype? AddEdge(int componentId) =>
        componentId < _addEdges.Length ? _addEdges[componentId] : null;

    public Archetype? RemoveEdge(int componentId) =>
        componentId < _removeEdges.Length ? _removeEdges[componentId] : null;

    public void SetAddEdge(int componentId, Archetype target) => SetEdge(ref _addEdges, componentId, target);

    public void SetRemoveEdge(int componentId, Archetype target) => SetEdge(ref _removeEdges, componentId, target);

    /// <summary>
    /// The chunk new rows go to, with at least one free row. The first chunk doubles up to full
    /// size (toward <paramref name="wanted"/> rows at once for bulk work); later chunks start full-size.
    /// </summary>
    public Chunk ChunkWithSpace(int wanted = 1)
    {
        if (ChunkCount > 0)
        {
            var last = Chunks[ChunkCount - 1];
            if (last.Count < last.Capacity)
            {
                return last;
            }

            if (last.Capacity < ChunkCapacity)
            {
                var grown = Math.Max(last.Capacity * 2, last.Count + wanted);
                last.Grow(Math.Min(grown, ChunkCapacity));
                return last;
            }
        }

        if (ChunkCount < Chunks.Length && Chunks[ChunkCount] is { } spare)
        {
            ChunkCount++;
            return spare;
        }

        var capacity = ChunkCount == 0 ? Math.Min(ChunkCapacity, Math.Max(_initialRows, wanted)) : ChunkCapacity;
        var chunk = new Chunk(this, capacity);
        AppendSpare(chunk, ChunkCount);
        ChunkCount++;
        return chunk;
    }

    private void AppendSpare(Chunk chunk, int index)
    {
        if (index >= Chunks.Length)
        {
            var chunks = Chunks;
            Array.Resize(ref chunks, Math.Max(4, Chunks.Length * 2));
            Chunks = chunks;
        }

        Chunks[index] = chunk;
    }

    /// <summary>
    /// Retires the last chunk once it is empty. It stays allocated as a spare right after the
    /// active chunks; spares beyond the first are dropped unless they were reserved.
    /// </summary>
    public void ReleaseEmptyLastChunk()
    {
        if (ChunkCount <= 1 || Chunks[ChunkCount - 1].Count != 0)
        {
            return;
        }

        ChunkCount--;
    }

    /// <summary>
    /// Empties every chunk at once (bulk destroy). The chunks stay allocated, as
    /// <see cref="List{T}.Clear"/> keeps capacity: refilling a world touches no fresh memory.
    /// </summary>
    public void Clear()
    {
        for (var i = 0; i < ChunkCount; i++)
        {
            Chunks[i].Count = 0;
        }

        // The emptied chunks become spares after the first, so refills fill them front to back.
        ChunkCount = Math.Min(ChunkCount, 1);
        EntityCount = 0;
    }

    /// <summary>
    /// Makes sure <paramref name="additional"/> more rows fit without allocating: grows the first
    /// chunk and appends full-size chunks, all empty and kept after the active ones.
    /// </summary>
    public void Reserve(int additional)
    {
        var free = 0;
        for (var i = 0; i < Chunks.Length && Chunks[i] is { } chunk; i++)
        {
            free += chunk.Capacity - chunk.Count;
        }

        if (free >= additional)
        {
            return;
        }

        if (ChunkCount <= 1 && (ChunkCount == 0 || Chunks[0].Capacity < ChunkCapacity))
        {
            var first = ChunkCount == 0 ? ChunkWithSpace(Math.Min(ChunkCapacity, additional)) : Chunks[0];
            if (first.Capacity < ChunkCapacity)
            {
                first.Grow(Math.Min(ChunkCapacity, first.Count + additional));
            }

            free = first.Capacity - first.Count;
        }

        var allocated = ChunkCount == 0 ? 0 : ChunkCount;
        while (allocated < Chunks.Length && Chunks[allocated] is not null)
        {
            allocated++;
        }

        for (; free < additional; free += ChunkCapacity)
        {
            AppendSpare(new Chunk(this, ChunkCapacity), allocated++);
        }
    }

    /// <summary>Releases every empty chunk after the first, returning memory a bulk destroy kept.</summary>
    public void TrimExcess()
    {
        var keep = Math.Max(ChunkCount, 1);
        for (var i = keep; i < Chunks.Length; i++)
        {
            Chunks[i]?.Dispose();
            Chunks[i] = null!;
        }
    }

    /// <summary>Gives every chunk's memory back to the pool; the archetype is empty after.</summary>
    public void Release()
    {
        foreach (var chunk in Chunks)
        {
            chunk?.Dispose();
        }

        Chunks = [];
        ChunkCount = 0;
        EntityCount = 0;
    }

    public override string ToString() => $"Archetype{Components} ({EntityCount} entities)";

    private static void SetEdge(ref Archetype?[] edges, int componentId, Archetype target)
    {
        if (componentId >= edges.Length)
        {
            Array.Resize(ref edges, Math.Max(componentId + 1, edges.Length * 2));
        }

        edges[componentId] = target;
    }
}
