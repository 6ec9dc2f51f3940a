namespace Hyperscape.Host.Operations;

/// <summary>A zone's part of <c>/stats</c>.</summary>
/// <param name="Zone">The zone this process runs.</param>
/// <param name="TableVersion">The zone table's version.</param>
/// <param name="ClusterMembers">Live processes in the cluster, this one included.</param>
/// <param name="InCluster">Whether this zone is an active member (false: other zones cannot reach it).</param>
/// <param name="HandOffsOut">Players handed to other zones.</param>
/// <param name="HandOffsIn">Players taken from other zones.</param>
/// <param name="HandOffsAborted">Crossings that ended without the player moving.</param>
/// <param name="CrossingsInFlight">Crossings out of this zone not finished yet.</param>
/// <param name="HandOffP50Ms">Median crossing time, from the step over the border to the other zone's answer.</param>
/// <param name="HandOffP99Ms">99th percentile of the same.</param>
/// <param name="Held">Characters this zone holds in the database.</param>
/// <param name="GhostsSent">Ghost states sent to neighbouring zones, in all.</param>
/// <param name="GhostsReceived">Ghost states received from them, in all.</param>
/// <param name="ZonesWithoutProcess">Zones of the table no live process runs now.</param>
/// <param name="CallP50Ms">Median round trip of a grain call to a neighbouring zone (probed every 2 s).</param>
/// <param name="CallP99Ms">99th percentile of the same.</param>
public sealed record ZoneStats(
    int Zone, int TableVersion, int ClusterMembers, bool InCluster,
    long HandOffsOut, long HandOffsIn, long HandOffsAborted, int CrossingsInFlight,
    double HandOffP50Ms, double HandOffP99Ms, int Held, long GhostsSent, long GhostsReceived, IReadOnlyList<int> ZonesWithoutProcess,
    double CallP50Ms, double CallP99Ms);
