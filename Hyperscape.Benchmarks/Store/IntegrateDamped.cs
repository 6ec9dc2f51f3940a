using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>The three-component update of the sparse query.</summary>
public struct IntegrateDamped : IForEach<Position, Velocity, Damping>
{
    public readonly void Execute(ref Position position, ref Velocity velocity, ref Damping damping)
    {
        position.X += velocity.X * damping.Factor;
        position.Y += velocity.Y * damping.Factor;
        position.Z += velocity.Z * damping.Factor;
    }
}
