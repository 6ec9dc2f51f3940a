using System.Net;
using System.Net.Sockets;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// The flags that start one process of a two-zone world on one machine: zone 1 west of x = 130 (the
/// spawn is two steps from the border), zone 2 east, each on its own HTTP, silo and gateway ports,
/// zone 2's silo the development cluster's primary, both on one PostgreSQL. The load command and the
/// zone tests start their zones with these.
/// </summary>
internal sealed class ZoneLaunch
{
    /// <summary>The first column of zone 2.</summary>
    public const int Border = 130;

    private readonly (int Http, int Silo, int Gateway)[] _ports = [FreePorts(), FreePorts()];

    /// <summary>A zone's game socket.</summary>
    public Uri Socket(int zone) => new($"ws://127.0.0.1:{_ports[zone - 1].Http}/game");

    /// <summary>A zone's http base.</summary>
    public Uri Http(int zone) => new($"http://127.0.0.1:{_ports[zone - 1].Http}/");

    /// <summary>Listening, storage, and (unless <paramref name="zoned"/> is false: the same server, one process) the zone and its cluster.</summary>
    public string[] Flags(int zone, string database, bool zoned = true)
    {
        var (http, silo, gateway) = _ports[zone - 1];
        string[] server =
        [
            $"--Hyperscape:Listen=http://127.0.0.1:{http}",
            $"--Hyperscape:Database:PostgresConnectionString={database}",
            "--Hyperscape:Database:SqliteFile=",
            "--Hyperscape:Privy:AppId=",
            "--Hyperscape:LiveKit:ApiKey=",
        ];
        return !zoned
            ? server
            :
            [
                .. server,
                $"--Hyperscape:Zones:Zone={zone}",
                $"--Hyperscape:Zones:Regions=1@0,0..{Border - 1},255;2@{Border},0..255,255",
                $"--Hyperscape:Zones:PublicAddress={Socket(zone)}",
                $"--Hyperscape:Zones:Cluster:SiloPort={silo}",
                $"--Hyperscape:Zones:Cluster:GatewayPort={gateway}",
                $"--Hyperscape:Zones:Cluster:PrimarySilo=127.0.0.1:{_ports[1].Silo}",
            ];
    }

    private static (int, int, int) FreePorts()
    {
        static int Next()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        return (Next(), Next(), Next());
    }
}
