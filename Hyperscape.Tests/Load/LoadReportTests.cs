using Hyperscape.Benchmarks.Load;

namespace Hyperscape.Tests.Load;

public sealed class LoadReportTests
{
    [Test]
    public void The_report_is_a_markdown_table_that_renders_with_the_servers_own_npc_count()
    {
        var before = new ServerStatsView(10, 500, 1_500, 1, 2, 1, 2, 1_000, 0, 0, 0, 0, 0, Npcs: 250);
        var after = new ServerStatsView(110, 500, 1_500, 9.5, 48.25, 7.5, 53.5, 1_000 + (6_000L * 500 * 60), 3, 0, 0, 100 << 20, 200 << 20, Npcs: 137);

        var lines = LoadReport.Lines(bots: 500, inWorld: 500, seconds: 60, before, after, new BotStats(), botBytes: 0);

        var header = lines.ToList().IndexOf(LoadReport.TableHeader);
        Assert.That(header, Is.GreaterThanOrEqualTo(0));
        Assert.That(lines[header + 1], Does.Match(@"^\|(---:\|)+$"), "the separator row follows the header");
        Assert.That(lines[header + 1].Count(c => c == '|'), Is.EqualTo(LoadReport.TableHeader.Count(c => c == '|')), "as many columns");
        var row = lines[header + 2].Split('|', StringSplitOptions.TrimEntries);
        Assert.That(row[2], Is.EqualTo("137"), "NPCs as the server counts them, not a default of the load command");
        Assert.That(row[7], Is.EqualTo("6,000"), "bytes per client per second");
        Assert.That(lines[0], Does.Contain("137 NPCs on the server"));
    }
}
