using System.Globalization;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// What a load run measured, as the lines the load command prints: a summary, then one row of
/// the README's markdown table (with its header and separator, so it renders as pasted). Every
/// number about the server comes from the server's own <c>/stats</c>, the NPC count included.
/// </summary>
internal static class LoadReport
{
    public const string TableHeader = "| Bots | NPCs | Tick p50 | Tick p99 | Sync frame p50 | Sync frame p99 | Bytes/client/s | Rejected | Working set |";
    public const string TableSeparator = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public static IReadOnlyList<string> Lines(int bots, int inWorld, double seconds, ServerStatsView before, ServerStatsView after, BotStats stats, long botBytes)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(stats);
        var perClient = (after.BytesOut - before.BytesOut) / seconds / Math.Max(1, inWorld);
        var rejected = after.Rejected - before.Rejected;
        var culture = CultureInfo.InvariantCulture;
        return
        [
            string.Create(culture, $"bots {bots} ({inWorld} in the world), {after.Npcs} NPCs on the server, {seconds:F0} s, {after.Entities} entities"),
            string.Create(culture, $"tick      p50 {after.TickP50Ms:F2} ms   p99 {after.TickP99Ms:F2} ms   (budget 600 ms)"),
            string.Create(culture, $"sync      p50 {after.FrameP50Ms:F2} ms   p99 {after.FrameP99Ms:F2} ms   (budget 50 ms)"),
            string.Create(culture, $"out       {perClient:N0} bytes/client/s (bots received {botBytes / seconds / Math.Max(1, inWorld):N0})"),
            string.Create(culture, $"actions   {stats.Actions:N0} sent, {stats.RefusedActions:N0} refused by the rules, {rejected:N0} messages rejected by the server, {stats.Errors:N0} error replies"),
            string.Create(culture, $"dropped   {after.Dropped - before.Dropped:N0} sync packets for slow clients; {stats.ClosedByServer} bots closed by the server; {stats.FailedToEnter} failed to enter"),
            string.Create(culture, $"memory    {after.WorkingSetBytes / 1048576.0:F0} MiB working set, {after.ManagedBytes / 1048576.0:F0} MiB managed; {after.PendingSaves} saves pending"),
            string.Empty,
            TableHeader,
            TableSeparator,
            string.Create(culture, $"| {bots:N0} | {after.Npcs:N0} | {after.TickP50Ms:F2} ms | {after.TickP99Ms:F2} ms | {after.FrameP50Ms:F2} ms | {after.FrameP99Ms:F2} ms | {perClient:N0} | {rejected:N0} | {after.WorkingSetBytes / 1048576.0:F0} MiB |"),
        ];
    }
}
