using Orleans.Placement;

namespace Hyperscape.Host.Zones;

/// <summary>Marks a grain keyed by zone id to live on that zone's process.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class ZonePlacementAttribute() : PlacementAttribute(ZonePlacement.Instance);
