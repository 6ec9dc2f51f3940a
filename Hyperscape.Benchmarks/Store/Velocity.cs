namespace Hyperscape.Benchmarks.Store;

public struct Velocity
{
    public float X;
    public float Y;
    public float Z;
}
