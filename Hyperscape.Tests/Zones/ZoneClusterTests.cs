using Hyperscape.Host.Zones;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace Hyperscape.Tests.Zones;

/// <summary>
/// Two silos in one process, one per zone (Silo_0 runs zone 1, Silo_1 zone 2): each zone's grain
/// lives on its own zone's silo, a zone no process runs is an error rather than a new activation
/// somewhere, and the doorbell answers a repeated crossing alike.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ZoneClusterTests
{
    private InProcessTestCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var zone = options.SiloName.EndsWith("_0", StringComparison.Ordinal) ? "1" : "2";
            silo.UseSiloMetadata(new Dictionary<string, string> { [ZonePlacementDirector.ZoneKey] = zone });
            silo.AddPlacementDirector<ZonePlacement, ZonePlacementDirector>();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task Each_zone_grain_lives_on_the_silo_of_its_zone()
    {
        Assert.That(await _cluster.Client.GetGrain<IZoneGrain>(1).WhereAsync(), Is.EqualTo(1));
        Assert.That(await _cluster.Client.GetGrain<IZoneGrain>(2).WhereAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_zone_no_process_runs_is_an_error_not_a_new_home()
    {
        var refused = (await Assert.CatchAsync<OrleansException>(() => _cluster.Client.GetGrain<IZoneGrain>(3).WhereAsync()))!;
        Assert.That(refused.Message, Does.Contain("No live process hosts zone 3"));
    }

    [Test]
    public async Task A_repeated_doorbell_gets_the_same_token_and_a_stale_one_none()
    {
        var zone = _cluster.Client.GetGrain<IZoneGrain>(2);
        var first = await zone.RingAsync(characterId: 42, epoch: 7, handOffId: 9001, tick: 100);
        var again = await zone.RingAsync(characterId: 42, epoch: 7, handOffId: 9001, tick: 100);

        Assert.That(first, Is.Not.Null.And.Length.EqualTo(32));
        Assert.That(again, Is.EqualTo(first), "a retry after a lost reply is the same crossing");
        Assert.That(await zone.RingAsync(characterId: 42, epoch: 6, handOffId: 9000, tick: 90), Is.Null, "an older epoch");
        Assert.That(await zone.RingAsync(characterId: 42, epoch: 8, handOffId: 9002, tick: 200), Is.Not.Null.And.Not.EqualTo(first), "the next crossing");
    }
}
