using System.Globalization;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Hyperscape.Host.Zones;

/// <summary>
/// Puts zone N's grain on the live silo whose metadata says <c>hyperscape.zone = N</c>. Role-based
/// placement cannot (every Host process has the same role); when no live silo runs the zone, the
/// call fails, so a zone is never re-created on a process that does not own its region.
/// </summary>
internal sealed class ZonePlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    /// <summary>The silo metadata key naming the zone a process runs.</summary>
    public const string ZoneKey = "hyperscape.zone";

    /// <summary>The zone a silo's metadata names, or null.</summary>
    public static int? ZoneOf(SiloMetadata silo) =>
        silo.Metadata.TryGetValue(ZoneKey, out var zone) && int.TryParse(zone, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var zone = target.GrainIdentity.GetIntegerKey();
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (ZoneOf(metadata.GetSiloMetadata(silo)) == zone)
            {
                return Task.FromResult(silo);
            }
        }

        throw new OrleansException($"No live process hosts zone {zone.ToString(CultureInfo.InvariantCulture)}.");
    }
}
