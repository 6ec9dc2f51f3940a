namespace Hyperscape.Benchmarks.Load;

/// <summary>What one load run collected: the server's /stats before and after (the after over the run's own window) and the bots' side.</summary>
/// <param name="Bots">Bots asked for.</param>
/// <param name="InWorld">Bots that entered the world.</param>
/// <param name="Seconds">The length of the run.</param>
/// <param name="Before">/stats when play started.</param>
/// <param name="After">/stats when it ended, percentiles over the run only.</param>
/// <param name="Stats">What the bots counted.</param>
/// <param name="BotBytes">Bytes the bots received during the run.</param>
/// <param name="BotCpuSeconds">CPU time the bots' process used during the run.</param>
internal sealed record LoadRun(int Bots, int InWorld, double Seconds, ServerStatsView Before, ServerStatsView After, BotStats Stats, long BotBytes, double BotCpuSeconds)
{
    /// <summary>/stats at the end of the warm-up, percentiles over the warm-up only; null without one.</summary>
    public ServerStatsView? Warmup { get; init; }

    /// <summary>The seconds of play before the measured run.</summary>
    public int WarmupSeconds { get; init; }
}
