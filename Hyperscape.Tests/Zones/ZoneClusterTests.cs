using Hyperscape.Host.Zones;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace Hyperscape.Tests.Zones;

/// <summary>
/// Two silos in one process, one per zone (Silo_0 runs zone 1, Silo_1 zone 2): each zone's grain
/// lives on its own zone's silo, a zone no process runs is an error rather than a new activation
/// somewhere, the doorbell answers a repeated crossing alike, and a private message finds the zone
/// its recipient is online in.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ZoneClusterTests
{
    private readonly Dictionary<string, RecordingInbox> _inboxes = new() { ["1"] = new(), ["2"] = new() };
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
            silo.Services.AddSingleton<IZoneInbox>(_inboxes[zone]);
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
        var first = await zone.RingAsync(characterId: 42, epoch: 7, handOffId: 9001, tick: 100, carry: new CrossingCarry(-1, -1, 0, 0, 0));
        var again = await zone.RingAsync(characterId: 42, epoch: 7, handOffId: 9001, tick: 100, carry: new CrossingCarry(-1, -1, 0, 0, 0));

        Assert.That(first, Is.Not.Null.And.Length.EqualTo(32));
        Assert.That(again, Is.EqualTo(first), "a retry after a lost reply is the same crossing");
        Assert.That(await zone.RingAsync(characterId: 42, epoch: 6, handOffId: 9000, tick: 90, carry: new CrossingCarry(-1, -1, 0, 0, 0)), Is.Null, "an older epoch");
        Assert.That(await zone.RingAsync(characterId: 42, epoch: 8, handOffId: 9002, tick: 200, carry: new CrossingCarry(5, 6, 2, 0, 8)), Is.Not.Null.And.Not.EqualTo(first), "the next crossing");
    }

    [Test]
    public async Task A_private_message_reaches_the_zone_its_recipient_is_online_in()
    {
        var messenger = new ZoneMessenger(_cluster.Client);
        _inboxes["2"].Online["Bob"] = true;
        await _cluster.Client.GetGrain<IPresenceGrain>("bob").OnlineAsync(2);

        Assert.That(await messenger.SendPrivateAsync("Ann", 1, "Bob", "meet at the bank"), Is.True);
        Assert.That(_inboxes["2"].Delivered, Is.EqualTo(new[] { ("Ann", "Bob", "meet at the bank") }));
        Assert.That(_inboxes["1"].Delivered, Is.Empty);
        Assert.That(await messenger.SendPrivateAsync("Ann", 1, "Nobody", "hello?"), Is.False, "online nowhere");

        // A hand-off's two halves in the wrong order: the late departure from zone 2 keeps Bob in zone 1.
        _inboxes["1"].Online["Bob"] = true;
        await _cluster.Client.GetGrain<IPresenceGrain>("bob").OnlineAsync(1);
        await _cluster.Client.GetGrain<IPresenceGrain>("bob").OfflineAsync(2);
        Assert.That(await messenger.SendPrivateAsync("Ann", 1, "bob", "you crossed"), Is.True);
        Assert.That(_inboxes["1"].Delivered, Is.EqualTo(new[] { ("Ann", "bob", "you crossed") }));

        await _cluster.Client.GetGrain<IPresenceGrain>("bob").OfflineAsync(1);
        Assert.That(await messenger.SendPrivateAsync("Ann", 1, "Bob", "gone?"), Is.False);
    }
}
