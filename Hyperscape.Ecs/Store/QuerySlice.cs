namespace Hyperscape.Ecs.Store;

/// <summary>A run of rows of one chunk: the unit a parallel query hands to a thread.</summary>
internal readonly record struct QuerySlice(Chunk Chunk, int Start, int Count);
