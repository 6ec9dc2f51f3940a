namespace Hyperscape.Benchmarks.Store;

/// <summary>The third component: on every entity of the add/remove test, on 10% for the sparse query.</summary>
public struct Damping
{
    public float Factor;
}
