using Hyperscape.Host.Gameplay;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hyperscape.Host.Operations;

/// <summary>
/// Healthy while the game loop keeps its 50 ms rhythm and saves keep up; degraded when saves back
/// up (the database is slow or down: play goes on, progress waits); unhealthy when the loop stalls.
/// </summary>
internal sealed class GameHealthCheck(GameLoop loop, PersistenceWriter writer) : IHealthCheck
{
    private const int BackloggedSaves = 1000;
    private static readonly TimeSpan StalledLoop = TimeSpan.FromSeconds(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["tick"] = loop.Tick, ["online"] = loop.Online, ["pendingSaves"] = writer.Pending };
        var sinceFrame = loop.SinceLastFrame;
        var result = sinceFrame > StalledLoop
            ? HealthCheckResult.Unhealthy($"The game loop has not run a frame for {sinceFrame.TotalSeconds:F1} s.", data: data)
            : writer.Pending > BackloggedSaves
                ? HealthCheckResult.Degraded($"{writer.Pending} saves are waiting for the database.", data: data)
                : HealthCheckResult.Healthy("Running.", data);
        return Task.FromResult(result);
    }
}
