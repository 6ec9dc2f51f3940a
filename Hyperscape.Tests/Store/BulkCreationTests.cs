using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

/// <summary>Bulk creation with values and creation with many components.</summary>
public class BulkCreationTests
{
    private static readonly QueryDescription Counters = new QueryDescription().WithAll<Counter>();

    [Test]
    public void Bulk_create_with_values_fills_every_row_across_chunks_and_returns_live_handles()
    {
        using var world = new World(new WorldOptions { ChunkSizeBytes = 4096 });
        var handles = new Entity[5_000];
        world.Create(handles, new Counter(42), new Position(1, 2, 3));

        Assert.That(handles.Distinct().Count(), Is.EqualTo(handles.Length));
        Assert.That(handles.All(world.IsAlive), Is.True);
        Assert.That(handles.All(e => world.Get<Counter>(e).Value == 42 && world.Get<Position>(e) == new Position(1, 2, 3)), Is.True);
        Assert.That(world.Archetypes.Single(a => a.EntityCount > 0).ChunkCount, Is.GreaterThan(1), "spans several chunks");
        Assert.That(world.Count, Is.EqualTo(5_000));
    }

    [Test]
    public void Bulk_create_by_count_is_found_by_queries()
    {
        using var world = new World(new WorldOptions { ChunkSizeBytes = 4096 });
        world.Create(3_000, new Counter(7));
        world.Create(2_000, new Counter(8), new Position(1, 1, 1), new Velocity(0, 1, 0));
        world.Create(ComponentSet.Of<Counter, Velocity>(), 500);

        long sum = 0;
        foreach (var chunk in world.Query(Counters).GetChunks())
        {
            foreach (var counter in chunk.GetReadOnlySpan<Counter>())
            {
                sum += counter.Value;
            }
        }

        Assert.That(world.Query(Counters).Count(), Is.EqualTo(5_500));
        Assert.That(sum, Is.EqualTo((3_000 * 7) + (2_000 * 8)));
        Assert.That(world.Query(new QueryDescription().WithAll<Velocity>()).Count(), Is.EqualTo(2_500));
    }

    [Test]
    public void Bulk_create_reuses_freed_slots_first_and_then_fresh_ones()
    {
        using var world = new World();
        var first = new Entity[100];
        world.Create(first, new Counter(1));
        foreach (var entity in first.Take(40))
        {
            world.Destroy(entity);
        }

        var second = new Entity[100];
        world.Create(second, new Counter(2));

        Assert.That(first.Take(40).Any(world.IsAlive), Is.False, "the destroyed handles stay stale");
        Assert.That(second.Count(e => first.Take(40).Any(old => old.Id == e.Id)), Is.EqualTo(40), "freed slots are reused");
        Assert.That(second.Concat(first.Skip(40)).Select(e => e.Id).Distinct().Count(), Is.EqualTo(160));
        Assert.That(second.All(e => world.Get<Counter>(e).Value == 2), Is.True);
        Assert.That(first.Skip(40).All(e => world.Get<Counter>(e).Value == 1), Is.True);
    }

    [Test]
    public void Bulk_create_stamps_the_new_rows_as_changed()
    {
        using var world = new World();
        var checkpoint = world.AdvanceVersion();
        world.Create(10, new Counter(1), new Position());

        var changed = 0;
        foreach (var chunk in world.Query(Counters).GetChunksChangedSince(ComponentSet.Of<Counter>(), checkpoint))
        {
            changed += chunk.Count;
        }

        Assert.That(changed, Is.EqualTo(10));
    }

    [Test]
    public void Bulk_create_refuses_a_negative_count_and_a_running_query()
    {
        using var world = new World();
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Create(-1, new Counter(1)));
        world.Create(new Counter(1));
        foreach (var chunk in world.Query(Counters).GetChunks())
        {
            Assert.Throws<InvalidOperationException>(() => world.Create(5, new Counter(1)));
        }

        Assert.That(world.Count, Is.EqualTo(1));
    }

    [Test]
    public void Create_with_four_five_and_six_components_reads_every_value_back()
    {
        using var world = new World();
        var four = world.Create(new Counter(4), new Position(1, 2, 3), new Velocity(4, 5, 6), Bag.Filled(4));
        var five = world.Create(new Counter(5), new Position(1, 2, 3), new Velocity(4, 5, 6), Bag.Filled(5), default(Frozen));
        var six = world.Create(new Counter(6), new Position(1, 2, 3), new Velocity(4, 5, 6), Bag.Filled(6), default(Frozen), new Marker(9));

        Assert.That(world.GetComponents(four), Is.EqualTo(ComponentSet.Of<Counter, Position, Velocity, Bag>()));
        Assert.That(world.GetComponents(six), Is.EqualTo(ComponentSet.Of<Counter, Position, Velocity, Bag>().With<Frozen>().With<Marker>()));
        foreach (var (entity, seed) in new[] { (four, 4), (five, 5), (six, 6) })
        {
            Assert.That(world.Get<Counter>(entity).Value, Is.EqualTo(seed));
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2, 3)));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(4, 5, 6)));
            Assert.That(world.Get<Bag>(entity).IsFilledFrom(seed), Is.True);
        }

        Assert.That(world.Has<Frozen>(five), Is.True);
        Assert.That(world.Get<Marker>(six).Value, Is.EqualTo(9));
    }
}
