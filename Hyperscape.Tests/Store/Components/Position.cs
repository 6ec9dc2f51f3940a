namespace Hyperscape.Tests.Store.Components;

public record struct Position(float X, float Y, float Z);
