namespace Hyperscape.Tests.Store.Components;

public record struct Marker(int Value);
