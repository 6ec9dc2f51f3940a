using System.Globalization;
using System.Net;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Zones;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// Zone mode's composition: this process joins the Orleans cluster as one silo whose metadata names
/// its zone and its public game socket, the zone grain is placed only on it, and the game loop gets
/// the zone runtime (which fences every write by ownership). Nothing here runs without a zone.
/// </summary>
internal static class ZoneSilo
{
    /// <summary>Adds the silo and the zone's services; call before the game loop is registered, so the silo starts first.</summary>
    public static void AddTo(WebApplicationBuilder builder, ServerOptions settings)
    {
        var zones = settings.Zones;
        var cluster = zones.Cluster;
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ClusterId;
            });
            if (cluster.Membership == "Redis")
            {
                silo.UseRedisClustering(cluster.RedisConnection);
            }
            else
            {
                silo.UseDevelopmentClustering(IPEndPoint.Parse(cluster.PrimarySilo));
            }

            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseSiloMetadata(new Dictionary<string, string>
            {
                [ZonePlacementDirector.ZoneKey] = zones.Zone.ToString(CultureInfo.InvariantCulture),
                [ZoneRuntime.AddressKey] = zones.PublicAddress,
            });
            silo.AddPlacementDirector<ZonePlacement, ZonePlacementDirector>();
            silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = cluster.ProbeTimeout);
        });
        builder.Services.AddSingleton<ZoneRuntime>();
        builder.Services.AddSingleton<IZoneInbox>(sp => sp.GetRequiredService<GameLoop>());
    }
}
