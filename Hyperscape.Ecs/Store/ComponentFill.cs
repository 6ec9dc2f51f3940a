namespace Hyperscape.Ecs.Store;

// The arities of one fill live together, as the ForEach callbacks do.
#pragma warning disable SA1402, MA0048

/// <summary>Fills the new rows' one column with a value.</summary>
internal readonly struct ComponentFill<T1>(T1 c1) : IRowFill
    where T1 : unmanaged
{
    public void Fill(Chunk chunk, Archetype archetype, int start, int count) =>
        chunk.Rows<T1>(archetype.ColumnOf(ComponentId<T1>.Value), start, count).Fill(c1);
}

/// <summary>Fills the new rows' two columns, each with its value.</summary>
internal readonly struct ComponentFill<T1, T2>(T1 c1, T2 c2) : IRowFill
    where T1 : unmanaged
    where T2 : unmanaged
{
    public void Fill(Chunk chunk, Archetype archetype, int start, int count)
    {
        chunk.Rows<T1>(archetype.ColumnOf(ComponentId<T1>.Value), start, count).Fill(c1);
        chunk.Rows<T2>(archetype.ColumnOf(ComponentId<T2>.Value), start, count).Fill(c2);
    }
}

/// <summary>Fills the new rows' three columns, each with its value.</summary>
internal readonly struct ComponentFill<T1, T2, T3>(T1 c1, T2 c2, T3 c3) : IRowFill
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
{
    public void Fill(Chunk chunk, Archetype archetype, int start, int count)
    {
        chunk.Rows<T1>(archetype.ColumnOf(ComponentId<T1>.Value), start, count).Fill(c1);
        chunk.Rows<T2>(archetype.ColumnOf(ComponentId<T2>.Value), start, count).Fill(c2);
        chunk.Rows<T3>(archetype.ColumnOf(ComponentId<T3>.Value), start, count).Fill(c3);
    }
}
