namespace Hyperscape.Ecs.Store;

/// <summary>
/// Where a live entity's row is; <see cref="Chunk"/> is null for a free slot. Sixteen bytes with a
/// single reference: one GC write barrier per placement, and the chunk knows its archetype.
/// </summary>
internal struct EntityRecord
{
    public Chunk? Chunk;
    public int Row;
    public int Version;
}
