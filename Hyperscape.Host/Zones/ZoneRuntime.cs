using System.Security.Cryptography;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Operations;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hyperscape.Host.Zones;

/// <summary>
/// What a process needs to run one zone of a split world: its zone table, the ownership fence its
/// writes carry, the cluster (to ring other zones and find their addresses), the lease that keeps
/// its characters while it lives, and the counts /stats shows. Registered only in zone mode;
/// constructing it turns the store's and the writer's fencing on.
/// </summary>
internal sealed class ZoneRuntime : IAsyncDisposable
{
    /// <summary>The silo metadata key carrying the zone's public game socket address.</summary>
    public const string AddressKey = "hyperscape.address";

    private readonly IGrainFactory _grains;
    private readonly IClusterMembershipService _membership;
    private readonly ISiloMetadataCache _metadata;
    private readonly ILogger<ZoneRuntime> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _renewing = Task.CompletedTask;
    private long _handOffsOut;
    private long _handOffsIn;
    private long _handOffsAborted;
    private long _ghostsSent;
    private long _ghostsReceived;
    private readonly System.Diagnostics.Metrics.Histogram<double> _handOffDuration;
    private readonly string? _crashAt = Environment.GetEnvironmentVariable("HYPERSCAPE_ZONE_CRASH_AT");

    public ZoneRuntime(IOptions<ServerOptions> options, ConnectionFactory connections, SqlGameStore store, PersistenceWriter writer, ISocialStore social,
        IGrainFactory grains, IClusterMembershipService membership, ISiloMetadataCache metadata, ServerMetrics metrics, ILogger<ZoneRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        Options = options.Value.Zones;
        Fence = new OwnershipFence(Options.Zone);
        Ownership = new CharacterOwnership(connections);
        Store = store;
        Social = social;
        store.Fence = Fence;
        writer.Owned = store;
        _grains = grains;
        Messenger = new ZoneMessenger(grains);
        _handOffDuration = metrics.AddZone(this);
        _membership = membership;
        _metadata = metadata;
        _logger = logger;
    }

    /// <summary>The zone this process runs.</summary>
    public int Zone => Options.Zone;

    /// <summary>Zone mode's settings.</summary>
    public ZoneOptions Options { get; }

    /// <summary>The epochs this zone holds its characters at.</summary>
    public OwnershipFence Fence { get; }

    /// <summary>The store, fenced by this zone's ownership.</summary>
    public SqlGameStore Store { get; }

    /// <summary>Friends and ignore lists, loaded for players crossing in.</summary>
    public ISocialStore Social { get; }

    /// <summary>Sends private messages, friends' status and friend requests to other zones.</summary>
    public ZoneMessenger Messenger { get; }

    /// <summary>The ownership rows.</summary>
    public CharacterOwnership Ownership { get; }

    /// <summary>The zone table, built once the world's map is known.</summary>
    public ZoneMap Map { get; private set; } = null!;

    /// <summary>How long each step of a crossing may take.</summary>
    public HandOffTimeouts Timeouts { get; init; } = HandOffTimeouts.Default;

    /// <summary>Crossing latencies, from the freeze to the doorbell's answer, in milliseconds.</summary>
    public RecentPercentiles HandOffLatency { get; } = new(4096);

    /// <summary>Round trips of a grain call to each neighbouring zone (probed every 2 s), in milliseconds.</summary>
    public RecentPercentiles CallLatency { get; } = new(1024);

    /// <summary>Players handed to other zones.</summary>
    public long HandOffsOut => Interlocked.Read(ref _handOffsOut);

    /// <summary>Players taken from other zones.</summary>
    public long HandOffsIn => Interlocked.Read(ref _handOffsIn);

    /// <summary>Crossings that ended without the player moving (fenced or given up).</summary>
    public long HandOffsAborted => Interlocked.Read(ref _handOffsAborted);

    /// <summary>Ghost states sent to neighbouring zones, in all.</summary>
    public long GhostsSent => Interlocked.Read(ref _ghostsSent);

    /// <summary>Ghost states received from neighbouring zones, in all.</summary>
    public long GhostsReceived => Interlocked.Read(ref _ghostsReceived);

    /// <summary>Each neighbouring zone and the band of this zone's tiles shown to it as ghosts.</summary>
    public IReadOnlyList<(int Zone, Predicate<Tile> Near)> Neighbours { get; private set; } = [];

    /// <summary>Live members of the cluster.</summary>
    public int ClusterMembers => _membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    /// <summary>Whether this process is still an active member of its cluster.</summary>
    public bool InCluster => _membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && ZoneOf(m.SiloAddress) == Zone);

    /// <summary>
    /// Builds the zone table for the world's map, lets go of every character this zone held before
    /// it (re)started, and starts renewing its leases. Throws when the table does not cover the map.
    /// </summary>
    public async Task StartAsync(int width, int height, CancellationToken cancellationToken)
    {
        ZoneRegion.TryParseTable(Options.Regions, out var regions, out _);
        try
        {
            Map = ZoneMap.Create(Options.TableVersion, width, height, regions);
        }
        catch (ArgumentException exception)
        {
            throw new ServerConfigurationException([$"{ServerOptions.Section}:Zones:Regions: {exception.Message}"]);
        }

        var map = Map;
        Neighbours = [.. Map.Zones.Where(z => z != Zone)
            .Select(n => (Zone: n, Band: map.BorderBand(Zone, n, SyncOptions.Default.ViewRadius)))
            .Where(b => b.Band is not null)
            .Select(b => (b.Zone, (Predicate<Tile>)(tile => map.InBand(b.Band!, tile))))];
        var released = await Ownership.ReleaseZoneAsync(Zone, cancellationToken).ConfigureAwait(false);
        var cluster = Options.Cluster;
        _logger.LogInformation("Zone {Zone} of table version {Version} ({Zones} zones), cluster {Cluster} with {Membership}, silo at {Address}:{Port}, players at {Public}; {Released} characters it held before are free to log in again",
            Zone, Map.Version, Map.Zones.Count, cluster.ClusterId,
            cluster.Membership == "Redis" ? $"Redis membership at {RedisEndpoints(cluster.RedisConnection)}" : $"development membership kept by the primary silo {cluster.PrimarySilo}",
            cluster.AdvertisedAddress, cluster.SiloPort, Options.PublicAddress, released);
        _renewing = Task.WhenAll(RenewAsync(_stopping.Token), ProbeAsync(_stopping.Token));
        if (_crashAt is not null)
        {
            _logger.LogWarning("Fault injection is on (HYPERSCAPE_ZONE_CRASH_AT={Point}): this process will kill itself during its next crossing out", _crashAt);
        }
    }

    /// <summary>
    /// Fault injection for the crash tests (<c>HYPERSCAPE_ZONE_CRASH_AT</c>: before-commit,
    /// after-commit or after-doorbell): the process kills itself at that point of its next crossing
    /// out, as a power cut would. Unset in any real deployment; the start-up log says when it is set.
    /// </summary>
    public void CrashIf(string point)
    {
        if (string.Equals(_crashAt, point, StringComparison.Ordinal))
        {
            // Straight to stderr: the logger writes on its own thread, which the kill would beat.
            Console.Error.WriteLine($"Fault injection: killing zone {Zone}'s process {point} of a crossing");
            Console.Error.Flush();
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }

    /// <summary>The endpoints of a StackExchange.Redis connection string, without its options (a password among them).</summary>
    private static string RedisEndpoints(string connection) =>
        string.Join(",", connection.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(part => !part.Contains('=', StringComparison.Ordinal)));

    /// <summary>A new crossing id: random, so a restarted zone never reuses one.</summary>
    public static long NewHandOffId() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;

    /// <summary>Rings the receiving zone's doorbell; its resume token, or null when it refused or could not be reached.</summary>
    public async Task<string?> RingAsync(HandOffTicket ticket, CrossingCarry carry)
    {
        try
        {
            return await _grains.GetGrain<IZoneGrain>(ticket.ToZone)
                .RingAsync(ticket.CharacterId, ticket.NextEpoch, ticket.HandOffId, ticket.Tick, carry)
                .WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or SiloUnavailableException or OperationCanceledException)
        {
            _logger.LogWarning("Zone {Zone} did not answer the doorbell of character {Character}'s crossing {HandOff}: {Reason}",
                ticket.ToZone, ticket.CharacterId, ticket.HandOffId, exception.Message);
            return null;
        }
    }

    /// <summary>The public game socket address of the live process running <paramref name="zone"/>, or null.</summary>
    public string? AddressOf(int zone)
    {
        foreach (var member in _membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && ZoneOf(member.SiloAddress) == zone &&
                _metadata.GetSiloMetadata(member.SiloAddress).Metadata.TryGetValue(AddressKey, out var address))
            {
                return address;
            }
        }

        return null;
    }

    /// <summary>Sends this tick's ghosts to a neighbouring zone, one way; a zone that is down just misses them.</summary>
    public void SendGhosts(int zone, byte[] ghosts)
    {
        if (SendOneWay(zone, "ghosts", grain => grain.GhostsAsync(Zone, ghosts)))
        {
            Interlocked.Add(ref _ghostsSent, ghosts.Length / GhostCodec.Size);
        }
    }

    /// <summary>Passes public chat to a neighbouring zone, one way (a zone that is down just misses it).</summary>
    public void SendPublicChat(int zone, long speakerNetworkId, string speaker, string text) =>
        SendOneWay(zone, "chat", grain => grain.PublicChatAsync(speakerNetworkId, speaker, text));

    /// <summary>
    /// The zone's grain when a live process runs it, else null: calling a zone with no process would
    /// make Orleans try to place its grain and log the refusal, every tick for ghosts.
    /// </summary>
    private IZoneGrain? LiveGrain(int zone) => AddressOf(zone) is null ? null : _grains.GetGrain<IZoneGrain>(zone);

    /// <summary>A one-way call to a live zone's grain; false when it was not made (no live process, or Orleans refused it).</summary>
    private bool SendOneWay(int zone, string what, Func<IZoneGrain, Task> send)
    {
        if (LiveGrain(zone) is not { } grain)
        {
            return false;
        }

        try
        {
            _ = send(grain);
            return true;
        }
        catch (Exception exception) when (exception is OrleansException or SiloUnavailableException)
        {
            _logger.LogDebug("No {What} sent to zone {Zone}: {Reason}", what, zone, exception.Message);
            return false;
        }
    }

    /// <summary>Counts ghost states received.</summary>
    public void GhostsArrived(int count) => Interlocked.Add(ref _ghostsReceived, count);

    /// <summary>The zones of the table no live process runs now (per this process's view of the membership).</summary>
    public IReadOnlyList<int> ZonesWithoutProcess() => Map is null ? [] : [.. Map.Zones.Where(z => AddressOf(z) is null)];

    /// <summary>Counts a crossing that ended.</summary>
    public void Counted(bool handedOver, long startedTimestamp)
    {
        if (handedOver)
        {
            Interlocked.Increment(ref _handOffsOut);
            var milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
            HandOffLatency.Add(milliseconds);
            _handOffDuration.Record(milliseconds);
        }
        else
        {
            Interlocked.Increment(ref _handOffsAborted);
        }
    }

    /// <summary>Counts a player taken from another zone.</summary>
    public void Arrived() => Interlocked.Increment(ref _handOffsIn);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private int? ZoneOf(SiloAddress silo) => ZonePlacementDirector.ZoneOf(_metadata.GetSiloMetadata(silo));

    /// <summary>Every 2 s, one call to each live neighbour's grain: what a doorbell or a message between zones costs.</summary>
    private async Task ProbeAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            foreach (var (neighbour, _) in Neighbours)
            {
                if (LiveGrain(neighbour) is not { } grain)
                {
                    continue;
                }

                try
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    await grain.WhereAsync().WaitAsync(TimeSpan.FromSeconds(5), stopping).ConfigureAwait(false);
                    CallLatency.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is OrleansException or TimeoutException or SiloUnavailableException)
                {
                    _logger.LogDebug("Probing zone {Zone} failed: {Reason}", neighbour, exception.Message);
                }
            }
        }
    }

    /// <summary>Every third of a lease, the whole zone's leases in one statement; failures are logged and tried again next time.</summary>
    private async Task RenewAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Options.Lease / 3);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            try
            {
                await Ownership.RenewZoneAsync(Zone, Options.Lease, stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogWarning(exception, "Renewing zone {Zone}'s leases failed; its players' leases run out in {Lease} s unless the next try works", Zone, Options.Lease.TotalSeconds);
            }
        }
    }
}
