namespace Hyperscape.Benchmarks.Store;

/// <summary>The array-of-structs baseline: one struct per entity holding both components.</summary>
public struct Body
{
    public Position Position;
    public Velocity Velocity;
}
