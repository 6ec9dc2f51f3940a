namespace Hyperscape.Ecs.Store;

/// <summary>
/// Writes the component values of a run of freshly claimed rows during bulk creation. A struct
/// implementation is passed by reference, so the JIT specialises the loop for each arity.
/// </summary>
internal interface IRowFill
{
    /// <summary>Writes every column of rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1.</summary>
    void Fill(Chunk chunk, Archetype archetype, int start, int count);
}
