namespace Hyperscape.Tests;

/// <summary>
/// The whole run's set-up and tear-down: in the root namespace, so it ends after every test. (A
/// fixture in a sub-namespace ends after that namespace's tests, and stopped the shared PostgreSQL
/// while the zone tests, which run later, still needed it.)
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public static Task StopSharedServicesAsync() => Persistence.PostgresServer.StopAsync();
}
