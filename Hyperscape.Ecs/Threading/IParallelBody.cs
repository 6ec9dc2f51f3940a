namespace Hyperscape.Ecs.Threading;

/// <summary>
/// The work of a <see cref="ParallelLoop"/>: a range of items at a time. Implemented on structs so
/// the JIT specialises the loop; the same instance runs on every participating thread at once,
/// so it must not write its own fields.
/// </summary>
internal interface IParallelBody
{
    /// <summary>
    /// Processes items <paramref name="start"/> .. <paramref name="end"/>-1 on participant
    /// <paramref name="worker"/> (0 is the calling thread; no two threads share a worker index
    /// during one loop, so per-worker scratch needs no lock).
    /// </summary>
    void Execute(int start, int end, int worker);
}
