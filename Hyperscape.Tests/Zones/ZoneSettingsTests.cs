using Hyperscape.Host.Configuration;

namespace Hyperscape.Tests.Zones;

/// <summary>Zone mode's settings are checked together before anything starts, each problem named.</summary>
[TestFixture]
public sealed class ZoneSettingsTests
{
    [Test]
    public void A_single_process_server_ignores_zone_settings()
    {
        var options = new ServerOptions { Zones = new ZoneOptions { Regions = "nonsense", PublicAddress = "nowhere" } };
        Assert.That(ServerOptionsValidator.CheckRanges(options), Is.Empty);
    }

    [Test]
    public void Every_problem_of_a_zone_configuration_is_listed()
    {
        var options = new ServerOptions
        {
            Zones = new ZoneOptions
            {
                Zone = 3,
                Regions = "1@0,0..129,255;2@130,0..255,200",
                PublicAddress = "http://127.0.0.1:5555/game",
                Lease = TimeSpan.FromMilliseconds(10),
                Cluster = new ZoneClusterOptions { Membership = "Zookeeper", SiloPort = 5, GatewayPort = 5 },
            },
        };

        var problems = ServerOptionsValidator.CheckRanges(options);
        Assert.That(problems, Has.Some.Contains("zone mode needs PostgreSQL"));
        Assert.That(problems, Has.Some.Contains("no region belongs to zone 3"));
        Assert.That(problems, Has.Some.Contains("PublicAddress: must be the ws(s) URL"));
        Assert.That(problems, Has.Some.Contains("Lease: must be at least 1 second"));
        Assert.That(problems, Has.Some.Contains("Membership: must be Development or Redis"));
        Assert.That(problems, Has.Some.Contains("two different ports"));
    }

    [Test]
    public void A_zone_table_with_a_gap_or_an_overlap_on_the_map_is_refused()
    {
        ServerOptions Zoned(string regions) => new()
        {
            Database = new DatabaseOptions { PostgresConnectionString = "Host=127.0.0.1;Username=postgres" },
            Zones = new ZoneOptions { Zone = 1, Regions = regions, PublicAddress = "ws://127.0.0.1:5555/game" },
        };

        Assert.That(ServerOptionsValidator.CheckRanges(Zoned("1@0,0..129,255;2@130,0..255,255")), Is.Empty, "the default world's 256x256 map, split down x = 130");
        Assert.That(ServerOptionsValidator.CheckRanges(Zoned("1@0,0..129,255;2@130,0..255,200")), Has.Some.Contains("tile (130, 201) belongs to no zone"));
        Assert.That(ServerOptionsValidator.CheckRanges(Zoned("1@0,0..140,255;2@130,0..255,255")), Has.Some.Contains("is zone 1's already"));
        Assert.That(ServerOptionsValidator.CheckRanges(Zoned("1@0,0..300,255")), Has.Some.Contains("off the 256x256 map"));
        Assert.That(ServerOptionsValidator.CheckRanges(Zoned("1:0,0-255,255")), Has.Some.Contains("is not zone@x0,z0..x1,z1"));
    }
}
