using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class EntityLifecycleTests
{
    // A small chunk forces every test onto several chunks per archetype.
    private static World SmallChunks() => new(new WorldOptions { ChunkSizeBytes = 1024, InitialChunkRows = 2 });

    [Test]
    public void Create_with_values_reads_them_back()
    {
        var world = new World();
        var entity = world.Create(new Position(1, 2, 3), new Velocity(4, 5, 6));

        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(entity), Is.True);
            Assert.That(world.Count, Is.EqualTo(1));
            Assert.That(world.Get<Position>(entity), Is.EqualTo(new Position(1, 2, 3)));
            Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(4, 5, 6)));
            Assert.That(world.GetComponents(entity), Is.EqualTo(ComponentSet.Of<Position, Velocity>()));
        });
    }

    [Test]
    public void Create_from_a_set_zeroes_components_even_in_reused_rows()
    {
        var world = new World();
        var set = ComponentSet.Of<Position, Counter>();
        var first = world.Create(set);
        world.Set(first, new Counter(99));
        world.Set(first, new Position(7, 7, 7));
        world.Destroy(first);

        var second = world.Create(set);

        Assert.That(world.Get<Counter>(second), Is.EqualTo(default(Counter)));
        Assert.That(world.Get<Position>(second), Is.EqualTo(default(Position)));
    }

    [Test]
    public void Empty_entity_is_alive_and_has_nothing()
    {
        var world = new World();
        var entity = world.Create();

        Assert.That(world.IsAlive(entity), Is.True);
        Assert.That(world.GetComponents(entity).IsEmpty, Is.True);
        Assert.That(world.Has<Position>(entity), Is.False);
    }

    [Test]
    public void Bulk_create_returns_distinct_live_zeroed_entities_across_chunks()
    {
        var world = SmallChunks();
        var handles = new Entity[5000];

        world.Create(ComponentSet.Of<Position, Velocity>(), handles);

        Assert.That(world.Count, Is.EqualTo(5000));
        Assert.That(handles.Distinct().Count(), Is.EqualTo(5000));
        foreach (var entity in handles)
        {
            Assert.That(world.IsAlive(entity), Is.True);
            Assert.That(world.Get<Position>(entity), Is.EqualTo(default(Position)));
        }
    }

    [Test]
    public void Bulk_create_reuses_freed_slots_with_new_versions()
    {
        var world = new World();
        var old = new Entity[100];
        world.Create(ComponentSet.Of<Counter>(), old);
        foreach (var entity in old)
        {
            world.Destroy(entity);
        }

        var fresh = new Entity[150];
        world.Create(ComponentSet.Of<Counter>(), fresh);

        Assert.That(fresh.Distinct().Count(), Is.EqualTo(150));
        Assert.That(old.Any(world.IsAlive), Is.False);
        var reused = fresh.Where(f => old.Any(o => o.Id == f.Id)).ToList();
        Assert.That(reused, Has.Count.EqualTo(100));
        Assert.That(reused.All(f => f.Version == 2), Is.True);
    }

    [Test]
    public void Destroyed_handle_is_stale_and_never_aliases_the_entity_reusing_its_slot()
    {
        var world = new World();
        var victim = world.Create(new Counter(1));
        world.Destroy(victim);
        var successor = world.Create(new Counter(2));

        Assert.That(successor.Id, Is.EqualTo(victim.Id), "the slot is recycled");
        Assert.That(successor.Version, Is.Not.EqualTo(victim.Version));
        Assert.That(world.IsAlive(victim), Is.False);
        Assert.Throws<InvalidOperationException>(() => world.Get<Counter>(victim));
        Assert.Throws<InvalidOperationException>(() => world.Set(victim, new Counter(5)));
        Assert.That(world.Get<Counter>(successor).Value, Is.EqualTo(2));
    }

    [Test]
    public void Destroy_keeps_every_other_entity_intact_across_chunks()
    {
        var world = SmallChunks();
        var entities = Enumerable.Range(0, 300).Select(i => world.Create(new Counter(i), new Position(i, 0, 0))).ToList();

        for (var i = 0; i < 300; i += 3)
        {
            world.Destroy(entities[i]);
        }

        for (var i = 0; i < 300; i++)
        {
            if (i % 3 == 0)
            {
                Assert.That(world.IsAlive(entities[i]), Is.False);
                continue;
            }

            Assert.That(world.Get<Counter>(entities[i]).Value, Is.EqualTo(i));
            Assert.That(world.Get<Position>(entities[i]).X, Is.EqualTo(i));
        }

        Assert.That(world.Count, Is.EqualTo(200));
    }

    [Test]
    public void Destroy_by_query_removes_matches_only_and_frees_their_slots()
    {
        var world = SmallChunks();
        var frozen = Enumerable.Range(0, 250).Select(i => world.Create(new Counter(i), new Frozen())).ToList();
        var moving = Enumerable.Range(0, 250).Select(i => world.Create(new Counter(i), new Velocity(1, 0, 0))).ToList();

        var destroyed = world.Destroy(new QueryDescription().WithAll<Frozen>());

        Assert.That(destroyed, Is.EqualTo(250));
        Assert.That(world.Count, Is.EqualTo(250));
        Assert.That(frozen.Any(world.IsAlive), Is.False);
        Assert.That(moving.Select(e => world.Get<Counter>(e).Value), Is.EqualTo(Enumerable.Range(0, 250).Select(i => (long)i)));
        var again = world.Create(new Counter(-1), new Frozen());
        Assert.That(frozen.Any(f => f.Id == again.Id), Is.True, "a freed slot is reused");
        Assert.That(world.Query(new QueryDescription().WithAll<Frozen>()).Count(), Is.EqualTo(1));
    }

    [Test]
    public void Null_handle_is_never_alive()
    {
        var world = new World();
        world.Create();

        Assert.That(world.IsAlive(Entity.Null), Is.False);
        Assert.That(Entity.Null.IsNull, Is.True);
        Assert.That(world.IsAlive(new Entity()), Is.False);
        Assert.Throws<InvalidOperationException>(() => world.Destroy(Entity.Null));
    }

    [Test]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new World(new WorldOptions { ChunkSizeBytes = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new World(new WorldOptions { InitialChunkRows = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new World(new WorldOptions { InitialEntityCapacity = 0 }));
    }
}
