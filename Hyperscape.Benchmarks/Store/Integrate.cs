using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>Position += Velocity, as the struct callback a query inlines.</summary>
public struct Integrate : IForEach<Position, Velocity>
{
    public readonly void Execute(ref Position position, ref Velocity velocity)
    {
        position.X += velocity.X;
        position.Y += velocity.Y;
        position.Z += velocity.Z;
    }
}
