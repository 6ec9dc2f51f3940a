namespace Hyperscape.Host.Configuration;

/// <summary>The Orleans cluster the zone processes form.</summary>
public sealed class ZoneClusterOptions
{
    /// <summary>
    /// <c>Development</c>: every process names one primary silo (<see cref="PrimarySilo"/>), fine on one
    /// machine and in tests, no failover of the primary. <c>Redis</c>: membership in Redis
    /// (<see cref="RedisConnection"/>), for production.
    /// </summary>
    public string Membership { get; set; } = "Development";

    /// <summary>The cluster's name: processes with another id never join this one.</summary>
    public string ClusterId { get; set; } = "hyperscape";

    /// <summary>The address other silos reach this one on.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients would connect to (unused by the zones themselves, but a silo listens on one).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Development membership: the primary silo's endpoint (<c>host:port</c>), the same in every process.</summary>
    public string PrimarySilo { get; set; } = "127.0.0.1:11111";

    /// <summary>Redis membership: the StackExchange.Redis connection string.</summary>
    public string RedisConnection { get; set; } = "";

    /// <summary>
    /// How long a probe of another silo may go unanswered; three missed probes and two votes declare
    /// it dead, so a killed zone is noticed after about three of these.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
