namespace Hyperscape.Host.Zones;

/// <summary>Places a zone grain on the silo whose metadata names its zone, and nowhere else.</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class ZonePlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static ZonePlacement Instance { get; } = new();
}
