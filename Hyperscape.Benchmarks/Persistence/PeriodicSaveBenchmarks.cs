using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence;

namespace Hyperscape.Benchmarks.Persistence;

/// <summary>
/// The 30-second save: positions and stats of 10,000 online characters in one batch.
/// Target: under 1 s on local PostgreSQL.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class PeriodicSaveBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private CharacterProgress[] _progress = [];
    private int _round;

    [Params(DatabaseEngine.Postgres, DatabaseEngine.Sqlite)]
    public DatabaseEngine Engine { get; set; }

    [Params(10_000)]
    public int Characters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = BenchmarkDatabase.CreateAsync(Engine, Characters).GetAwaiter().GetResult();
        _progress = new CharacterProgress[Characters];
    }

    [IterationSetup]
    public void Move()
    {
        // Every character has moved and gained XP since the last save, as on a busy server.
        _round++;
        var skills = Skills.Starting();
        for (var i = 0; i < _progress.Length; i++)
        {
            _progress[i] = new CharacterProgress(
                _database.CharacterIds[i], new Position((i + _round) % 300, 0, i / 300), new Health(10, 10), skills,
                AttackStyle.Accurate, AutoRetaliate: true, Running: (i + _round) % 2 == 0, PrayerPoints: 1, ActivePrayers: 0);
        }
    }

    [Benchmark]
    public Task SaveAll() => _database.Store.SaveProgressAsync(_progress);

    [GlobalCleanup]
    public void Cleanup() => _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
