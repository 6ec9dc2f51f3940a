using Hyperscape.Benchmarks.Load;

namespace Hyperscape.Tests.Load;

public sealed class LoadReportTests
{
    [Test]
    public void The_report_is_a_markdown_table_that_renders_with_the_servers_own_npc_count()
    {
        var before = new ServerStatsView(10, 500, 1_500, 1, 2, 1, 2, 1_000, 0, 0, 0, 0, 0, Npcs: 250) { CpuSeconds = 100 };
        var after = new ServerStatsView(108, 500, 1_500, 9.5, 48.25, 7.5, 53.5, 1_000 + (6_000L * 500 * 60), 3, 0, 0, 100 << 20, 200 << 20, Npcs: 137)
        {
            CpuSeconds = 130,
            GcPauseP99Ms = 1.25,
            GcPauseMaxMs = 3.5,
            GcPauses = 40,
            GcLongestGen0PauseMs = 1.5,
            GcLongestGen1PauseMs = 3.5,
            GcLongestFullPauseMs = 0.25,
        };

        var lines = LoadReport.Lines(new LoadRun(Bots: 500, InWorld: 500, Seconds: 60, before, after, new BotStats(), BotBytes: 0, BotCpuSeconds: 15));

        var header = lines.ToList().IndexOf(LoadReport.TableHeader);
        Assert.That(header, Is.GreaterThanOrEqualTo(0));
        Assert.That(lines[header + 1], Does.Match(@"^\|(---:\|)+$"), "the separator row follows the header");
        Assert.That(lines[header + 1].Count(c => c == '|'), Is.EqualTo(LoadReport.TableHeader.Count(c => c == '|')), "as many columns");
        var row = lines[header + 2].Split('|', StringSplitOptions.TrimEntries);
        Assert.That(row[2], Is.EqualTo("137"), "NPCs as the server counts them, not a default of the load command");
        Assert.That(row[3], Is.EqualTo("98 / 100"), "ticks stepped against ticks due by the clock (60 s / 600 ms)");
        Assert.That(row[8], Is.EqualTo("1.25 ms (3.50)"), "GC pause p99 and max");
        Assert.That(row[9], Is.EqualTo("6,000"), "bytes per client per second");
        Assert.That(row[10], Is.EqualTo("50%"), "the server's CPU: 30 s of CPU in 60 s");
        Assert.That(row[11], Is.EqualTo("25%"), "the bots' CPU: 15 s in 60 s");
        Assert.That(lines[0], Does.Contain("137 NPCs on the server"));
        Assert.That(lines, Has.Some.Contains("2,000 bots per core"), "500 bots on a quarter of a core");
        Assert.That(lines, Has.Some.EndsWith("longest by kind: gen0 1.50 ms, gen1 3.50 ms, full 0.25 ms"), "which kind of collection the longest pause was");
    }

    [Test]
    public void A_warm_up_is_reported_apart_from_the_measured_run()
    {
        var before = new ServerStatsView(10, 500, 1_500, 1, 2, 1, 2, 1_000, 0, 0, 0, 0, 0, Npcs: 250);
        var warm = before with { GcPauses = 7, GcPauseP99Ms = 9.5, GcPauseMaxMs = 9.5, TickP99Ms = 60 };
        var after = before with { Tick = 110, GcPauses = 4, GcPauseP99Ms = 2.5, GcPauseMaxMs = 2.5 };

        var measured = LoadReport.Lines(new LoadRun(500, 500, 60, before, after, new BotStats(), 0, 15) { Warmup = warm, WarmupSeconds = 30 });
        var plain = LoadReport.Lines(new LoadRun(500, 500, 60, before, after, new BotStats(), 0, 15));

        Assert.That(measured[0], Does.StartWith("warm-up   30 s of play before the run").And.Contain("7 GC pauses, p99 9.50 ms"));
        Assert.That(measured.Skip(1), Is.EqualTo(plain), "the run's own figures are the same with or without a warm-up before it");
        Assert.That(plain, Has.None.StartsWith("warm-up"));
    }

    [Test]
    public void A_warm_up_is_seconds_and_not_for_zones()
    {
        Assert.That(LoadOptions.Parse(["--bots", "10", "--seconds", "5", "--warmup", "20"], out _)!.Warmup, Is.EqualTo(20));
        Assert.That(LoadOptions.Parse(["--bots", "10", "--warmup", "soon"], out var bad), Is.Null);
        Assert.That(bad, Does.Contain("--warmup"));
        Assert.That(LoadOptions.Parse(["--zones", "2", "--warmup", "20"], out var zones), Is.Null);
        Assert.That(zones, Does.Contain("--warmup"));
    }
}
