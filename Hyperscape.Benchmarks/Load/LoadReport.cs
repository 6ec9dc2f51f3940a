using System.Globalization;
using Hyperscape.Ecs.Game;

namespace Hyperscape.Benchmarks.Load;

/// <summary>
/// What a load run measured, as the lines the load command prints: a summary, then one row of
/// the README's markdown table (with its header and separator, so it renders as pasted). Every
/// number about the server comes from the server's own <c>/stats</c>, the NPC count included;
/// the bots' CPU is this process's.
/// </summary>
internal static class LoadReport
{
    public const string TableHeader = "| Bots | NPCs | Ticks / due | Tick p50 | Tick p99 | Sync frame p50 | Sync frame p99 | GC pause p99 (max) | Bytes/client/s | Server CPU | Bots' CPU | Rejected | Working set |";
    public const string TableSeparator = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public static IReadOnlyList<string> Lines(LoadRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (before, after, stats, seconds) = (run.Before, run.After, run.Stats, run.Seconds);
        var clients = Math.Max(1, run.InWorld);
        var perClient = (after.BytesOut - before.BytesOut) / seconds / clients;
        var rejected = after.Rejected - before.Rejected;
        var ticks = after.Tick - before.Tick;
        var due = (long)Math.Floor(seconds / SimulationOptions.DefaultTickLength.TotalSeconds);
        var serverCpu = (after.CpuSeconds - before.CpuSeconds) / seconds;
        var botCpu = run.BotCpuSeconds / seconds;
        var passes = after.Sync.InterestPasses - before.Sync.InterestPasses;
        var visits = after.Sync.InterestVisits - before.Sync.InterestVisits;
        var culture = CultureInfo.InvariantCulture;
        string[] warmup = run.Warmup is { } w
            ? [string.Create(culture, $"warm-up   {run.WarmupSeconds} s of play before the run, not in the figures below: tick p99 {w.TickP99Ms:F2} ms, frame p99 {w.FrameP99Ms:F2} ms, {w.GcPauses} GC pauses, p99 {w.GcPauseP99Ms:F2} ms, max {w.GcPauseMaxMs:F2} ms")]
            : [];
        return
        [
            .. warmup,
            string.Create(culture, $"bots {run.Bots} ({run.InWorld} in the world), {after.Npcs} NPCs on the server, {seconds:F0} s, {after.Entities} entities"),
            string.Create(culture, $"ticks     {ticks} stepped, {due} due by the clock; {after.TicksLost - before.TicksLost} lost, {after.FramesSkipped - before.FramesSkipped} frames skipped"),
            string.Create(culture, $"tick      p50 {after.TickP50Ms:F2} ms   p99 {after.TickP99Ms:F2} ms   (budget 600 ms)"),
            string.Create(culture, $"sync      p50 {after.FrameP50Ms:F2} ms   p99 {after.FrameP99Ms:F2} ms   (budget 50 ms)"),
            string.Create(culture, $"gc        {after.GcPauses} pauses: p50 {after.GcPauseP50Ms:F2} ms, p99 {after.GcPauseP99Ms:F2} ms, max {after.GcPauseMaxMs:F2} ms (as the runtime measured them; {after.GcPausesUnmeasured - before.GcPausesUnmeasured} collections unmeasured); {after.Gen2Collections - before.Gen2Collections} gen2; longest by kind: gen0 {after.GcLongestGen0PauseMs:F2} ms, gen1 {after.GcLongestGen1PauseMs:F2} ms, full {after.GcLongestFullPauseMs:F2} ms"),
            string.Create(culture, $"cpu       server {serverCpu * 100:F0}% of a core; bots {botCpu * 100:F0}% of a core ({(botCpu > 0 ? run.InWorld / botCpu : 0):N0} bots per core)"),
            string.Create(culture, $"interest  {passes / seconds:N0} view recomputations/s, {(passes > 0 ? visits / (double)passes : 0):N0} entities looked at in each"),
            string.Create(culture, $"out       {perClient:N0} bytes/client/s (bots received {run.BotBytes / seconds / clients:N0})"),
            string.Create(culture, $"actions   {stats.Actions:N0} sent, {stats.RefusedActions:N0} refused by the rules, {rejected:N0} messages rejected by the server, {stats.Errors:N0} error replies"),
            string.Create(culture, $"dropped   {after.Dropped - before.Dropped:N0} sync packets for slow clients; {stats.ClosedByServer} bots closed by the server; {stats.FailedToEnter} failed to enter; {stats.UndecodableMessages} undecodable messages"),
            string.Create(culture, $"memory    {after.WorkingSetBytes / 1048576.0:F0} MiB working set, {after.ManagedBytes / 1048576.0:F0} MiB managed; {after.PendingSaves} saves pending"),
            string.Empty,
            TableHeader,
            TableSeparator,
            string.Create(culture, $"| {run.Bots:N0} | {after.Npcs:N0} | {ticks} / {due} | {after.TickP50Ms:F2} ms | {after.TickP99Ms:F2} ms | {after.FrameP50Ms:F2} ms | {after.FrameP99Ms:F2} ms | {after.GcPauseP99Ms:F2} ms ({after.GcPauseMaxMs:F2}) | {perClient:N0} | {serverCpu * 100:F0}% | {botCpu * 100:F0}% | {rejected:N0} | {after.WorkingSetBytes / 1048576.0:F0} MiB |"),
        ];
    }
}
