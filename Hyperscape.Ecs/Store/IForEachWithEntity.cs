namespace Hyperscape.Ecs.Store;

// The arities of one callback shape live together, as Action<T1..Tn> does in the runtime.
#pragma warning disable SA1402, MA0048

/// <summary>A per-entity query callback that also receives the entity handle.</summary>
public interface IForEachWithEntity<T1>
    where T1 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(Entity entity, ref T1 c1);
}

/// <summary>A per-entity query callback that also receives the entity handle.</summary>
public interface IForEachWithEntity<T1, T2>
    where T1 : unmanaged
    where T2 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(Entity entity, ref T1 c1, ref T2 c2);
}

/// <summary>A per-entity query callback that also receives the entity handle.</summary>
public interface IForEachWithEntity<T1, T2, T3>
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
{
    /// <summary>Called once per matching entity; the components may be modified in place.</summary>
    void Execute(Entity entity, ref T1 c1, ref T2 c2, ref T3 c3);
}
