namespace Hyperscape.Ecs.Store;

// The arities of one callback shape live together, as Action<T1..Tn> does in the runtime.
#pragma warning disable SA1402, MA0048

/// <summary>A per-entity query callback. Implement it on a struct so the JIT inlines <see cref="Execute"/>.</summary>
public interface IForEach<T1>
    where T1 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(ref T1 c1);
}

/// <summary>A per-entity query callback. Implement it on a struct so the JIT inlines <see cref="Execute"/>.</summary>
public interface IForEach<T1, T2>
    where T1 : unmanaged
    where T2 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(ref T1 c1, ref T2 c2);
}

/// <summary>A per-entity query callback. Implement it on a struct so the JIT inlines <see cref="Execute"/>.</summary>
public interface IForEach<T1, T2, T3>
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(ref T1 c1, ref T2 c2, ref T3 c3);
}

/// <summary>A per-entity query callback. Implement it on a struct so the JIT inlines <see cref="Execute"/>.</summary>
public interface IForEach<T1, T2, T3, T4>
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
    where T4 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(ref T1 c1, ref T2 c2, ref T3 c3, ref T4 c4);
}
