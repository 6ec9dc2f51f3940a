namespace Hyperscape.Tests.Store.Components;

public record struct Counter(long Value);
