namespace Hyperscape.Benchmarks.Store;

public struct Position
{
    public float X;
    public float Y;
    public float Z;
}
