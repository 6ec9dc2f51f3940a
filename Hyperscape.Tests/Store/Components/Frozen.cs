namespace Hyperscape.Tests.Store.Components;

/// <summary>A data-less tag component.</summary>
public record struct Frozen;
