using Hyperscape.Host.Persistence;

namespace Hyperscape.Host.Hosting;

/// <summary>
/// Brings the database schema up to date before anything else starts. Registered first, so the
/// game loop never sees an old schema, and a database newer than this server stops start-up.
/// </summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, ConnectionFactory connections, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Database: {Database}", connections.Settings.Describe());
        var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation(applied.Count == 0 ? "Schema is current (version {Version})" : "Schema migrated to version {Version}", migrator.LatestVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
