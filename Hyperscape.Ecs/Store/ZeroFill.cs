namespace Hyperscape.Ecs.Store;

/// <summary>Zeroes every column of the new rows: pooled chunk memory holds an earlier world's bytes.</summary>
internal readonly struct ZeroFill : IRowFill
{
    public void Fill(Chunk chunk, Archetype archetype, int start, int count)
    {
        var sizes = archetype.Sizes;
        for (var column = 0; column < sizes.Length; column++)
        {
            chunk.Bytes(column, start, count, sizes[column]).Clear();
        }
    }
}
