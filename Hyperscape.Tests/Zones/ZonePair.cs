using Hyperscape.Benchmarks.Load;
using Hyperscape.Host.Persistence;
using Hyperscape.Tests.Persistence;

namespace Hyperscape.Tests.Zones;

/// <summary>
/// Two zone processes of one world on one PostgreSQL database, as an operator would start them:
/// zone 1 owns the map west of x = 130 (the spawn at 128, 128 is two steps from the border), zone 2
/// the east. Zone 1 can be killed and started
/// again on the same ports.
/// </summary>
/// <remarks>
/// Zone 2's silo is the development cluster's primary (its membership lives in that process), so
/// zone 1 is the one the crash tests kill and restart.
/// </remarks>
internal sealed class ZonePair : IDisposable
{
    /// <summary>The first column of zone 2.</summary>
    public const int Border = ZoneLaunch.Border;

    private readonly ZoneLaunch _launch = new();

    private readonly string[] _flags;

    private ZonePair(string database, string[] flags)
    {
        Database = database;
        _flags = flags;
    }

    /// <summary>The shared database.</summary>
    public string Database { get; }

    /// <summary>Zone 1's process (index 0) and zone 2's (index 1).</summary>
    public ServerProcess?[] Processes { get; } = new ServerProcess?[2];

    /// <summary>A zone's game socket.</summary>
    public Uri Socket(int zone) => _launch.Socket(zone);

    /// <summary>A zone's http base.</summary>
    public Uri Http(int zone) => _launch.Http(zone);

    /// <summary>Starts both zones (in parallel) on a new database, with <paramref name="flags"/> for both and <paramref name="zoneOne"/>'s variables for zone 1.</summary>
    public static async Task<ZonePair> StartAsync(string[]? flags = null, IReadOnlyDictionary<string, string?>? zoneOne = null)
    {
        var pair = new ZonePair(await PostgresServer.NewDatabaseAsync(), flags ?? []);
        try
        {
            await Task.WhenAll(pair.StartZoneAsync(1, zoneOne), pair.StartZoneAsync(2));
        }
        catch
        {
            pair.Dispose();
            throw;
        }

        return pair;
    }

    /// <summary>Starts (or starts again) one zone's process on its ports.</summary>
    public async Task StartZoneAsync(int zone, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string[] flags =
        [
            .. _launch.Flags(zone, Database),
            "--Hyperscape:FrameInterval=00:00:00.025",
            "--Hyperscape:World:ScatteredNpcs=0",
            "--Hyperscape:World:SpawnNpcs=false",
            "--Hyperscape:GameThreadNice=0",
            "--Hyperscape:Zones:Lease=00:00:06",
            "--Hyperscape:Zones:Cluster:ProbeTimeout=00:00:01",
            .. _flags,
        ];
        Processes[zone - 1] = await ServerProcess.StartAsync(new ServerLaunch { Flags = flags, Environment = environment ?? new Dictionary<string, string?>() });
    }

    /// <summary>The store over the shared database, for reading what the zones wrote.</summary>
    public async Task<T> ReadAsync<T>(Func<SqlGameStore, CharacterOwnership, Task<T>> read)
    {
        await using var connections = new ConnectionFactory(DatabaseSettings.ForPostgres(Database));
        return await read(new SqlGameStore(connections), new CharacterOwnership(connections));
    }

    public void Dispose()
    {
        foreach (var process in Processes)
        {
            process?.Dispose();
        }
    }

    /// <summary>Everything both processes wrote, for a failing test's message.</summary>
    public string Output => string.Join("\n", Processes.Select((p, i) => $"---- zone {i + 1} ----\n{p?.Output}"));

    public override string ToString() => $"zone 1 at {Socket(1)}, zone 2 at {Socket(2)}";
}
