namespace Hyperscape.Tests.Store.Components;

public record struct Velocity(float X, float Y, float Z);
