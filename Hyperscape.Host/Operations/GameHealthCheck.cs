using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Healthy while the game loop keeps its 50 ms rhythm and saves keep up; degraded when saves back
/// up (the database is slow or down: play goes on, progress waits); unhealthy when the loop stalls
/// or, in zone mode, when the zone is no longer an active member of its cluster; degraded too when
/// another zone of the table has no live process.
/// </summary>
internal sealed class GameHealthCheck(GameLoop loop, PersistenceWriter writer) : IHealthCheck
{
    private const int BackloggedSaves = 1000;
    private static readonly TimeSpan StalledLoop = TimeSpan.FromSeconds(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["tick"] = loop.Tick, ["online"] = loop.Online, ["pendingSaves"] = writer.Pending };
        var sinceFrame = loop.SinceLastFrame;
        IReadOnlyList<int> missing = [];
        if (loop.Zone is { } zone)
        {
            data["zone"] = zone.Zone;
            data["clusterMembers"] = zone.ClusterMembers;
            missing = zone.ZonesWithoutProcess();
            data["zonesWithoutProcess"] = string.Join(",", missing);
        }

        var result = sinceFrame > StalledLoop
            ? HealthCheckResult.Unhealthy($"The game loop has not run a frame for {sinceFrame.TotalSeconds:F1} s.", data: data)
            : loop.Zone is { InCluster: false } lost
                ? HealthCheckResult.Unhealthy($"Zone {lost.Zone} is not an active member of its cluster: no other zone can reach it, and crossings into it fail.", data: data)
            : missing.Count > 0
                ? HealthCheckResult.Degraded($"No live process runs zone {string.Join(", ", missing)}: crossings into it wait, and its players cannot play until it is back.", data: data)
            : writer.Pending > BackloggedSaves
                ? HealthCheckResult.Degraded($"{writer.Pending} saves are waiting for the database.", data: data)
                : HealthCheckResult.Healthy("Running.", data);
        return Task.FromResult(result);
    }
}
