using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence;

namespace Hyperscape.Benchmarks.Persistence;

/// <summary>
/// Latency of one item transaction, from the writer's call to a durable commit: a two-sided trade
/// (both inventories rewritten, the ledger row) and a pickup (one inventory, a ground item removed).
/// One commit per iteration, so the percentiles are of single commits.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 20, iterationCount: 400)]
public class ItemCommitBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private long _nextId = 1_000_000;
    private Inventory _a;
    private Inventory _b;

    [Params(DatabaseEngine.Postgres, DatabaseEngine.Sqlite)]
    public DatabaseEngine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = BenchmarkDatabase.CreateAsync(Engine, 100).GetAwaiter().GetResult();
        _a.Slots[0] = new ItemStack(ItemIds.Coins, 500);
        _a.Slots[1] = new ItemStack(ItemIds.Lobster, 3);
        _b.Slots[0] = new ItemStack(ItemIds.BronzeSword, 1);
    }

    [Benchmark]
    public Task<bool> Trade()
    {
        (_a, _b) = (_b, _a);
        var ids = _database.CharacterIds;
        return _database.Store.CommitAsync(new ItemTransaction(_nextId++, ItemTransactionKind.Trade,
            [new CharacterItems(ids[0], _a, default), new CharacterItems(ids[1], _b, default)], [], [], null, []));
    }

    [Benchmark]
    public Task<bool> DropThenPickup()
    {
        // Two commits, as a player dropping a stack and picking it up again.
        var ids = _database.CharacterIds;
        var ground = _nextId++;
        var position = new Position(3, 0, 3);
        return CommitBothAsync(
            new ItemTransaction(_nextId++, ItemTransactionKind.Drop, [new CharacterItems(ids[2], default, default)], [new StoredGroundItem(ground, ItemIds.Coins, 500, position, ids[2])], [], null, []),
            new ItemTransaction(_nextId++, ItemTransactionKind.Pickup, [new CharacterItems(ids[2], _a, default)], [], [ground], null, []));
    }

    [GlobalCleanup]
    public void Cleanup() => _database.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<bool> CommitBothAsync(ItemTransaction first, ItemTransaction second) =>
        await _database.Store.CommitAsync(first).ConfigureAwait(false) & await _database.Store.CommitAsync(second).ConfigureAwait(false);

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column());
        }
    }
}
