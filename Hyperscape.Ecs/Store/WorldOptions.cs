namespace Hyperscape.Ecs.Store;

/// <summary>Tunables of a <see cref="World"/>. The defaults are the measured best on the reference machine.</summary>
public sealed record WorldOptions
{
    /// <summary>The default options.</summary>
    public static WorldOptions Default { get; } = new();

    /// <summary>
    /// Bytes of component data (plus the entity column) per full chunk. Larger chunks mean fewer
    /// chunk switches in a query and fewer allocations in bulk creation; a small archetype still
    /// only pays for what it holds, because an archetype's first chunk grows by doubling.
    /// See the README's benchmark table for why this default was chosen.
    /// </summary>
    public int ChunkSizeBytes { get; init; } = 1024 * 1024;

    /// <summary>Rows of the first chunk of a new archetype before it starts doubling.</summary>
    public int InitialChunkRows { get; init; } = 16;

    /// <summary>Entity slots reserved up front; the table doubles past it.</summary>
    public int InitialEntityCapacity { get; init; } = 1024;

    internal void Validate()
    {
        if (ChunkSizeBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSizeBytes), ChunkSizeBytes, "A chunk must hold at least 1024 bytes.");
        }

        if (InitialChunkRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialChunkRows), InitialChunkRows, "Must be at least 1.");
        }

        if (InitialEntityCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialEntityCapacity), InitialEntityCapacity, "Must be at least 1.");
        }
    }
}
