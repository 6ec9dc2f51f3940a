using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>Shows the bytes each client receives per second, recorded by the (in-process) benchmark itself.</summary>
public sealed class BandwidthColumn : IColumn
{
    public string Id => nameof(BandwidthColumn);

    public string ColumnName => "Bytes/client/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes each client receives per second of game time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        BandwidthResults.BytesPerClientPerSecond.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var value)
            ? value.ToString("N0", summary.GetCultureInfo())
            : "?";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
