using Hyperscape.Ecs.Store;

namespace Hyperscape.Benchmarks.Store;

/// <summary>A compute-bound update (a few square roots and divisions per entity), so a parallel run measures cores, not memory.</summary>
public struct Steer : IForEach<Position, Velocity>
{
    public readonly void Execute(ref Position position, ref Velocity velocity)
    {
        for (var step = 0; step < 4; step++)
        {
            var length = MathF.Sqrt((velocity.X * velocity.X) + (velocity.Y * velocity.Y) + (velocity.Z * velocity.Z)) + 1f;
            velocity.X = (velocity.X / length) + 0.01f;
            velocity.Y = (velocity.Y / length) + 0.02f;
            velocity.Z = (velocity.Z / length) + 0.03f;
            position.X += velocity.X;
            position.Y += velocity.Y;
            position.Z += velocity.Z;
        }
    }
}
