using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class ComponentChangeTests
{
    [Test]
    public void Add_and_remove_move_the_entity_and_keep_its_other_components()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        var bystanders = Enumerable.Range(0, 100).Select(i => world.Create(new Counter(i), new Position(i, i, i))).ToList();
        var entity = bystanders[37];

        world.Add(entity, new Velocity(1, 2, 3));
        Assert.That(world.Has<Velocity>(entity), Is.True);
        Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(1, 2, 3)));
        Assert.That(world.Get<Counter>(entity).Value, Is.EqualTo(37));

        world.Remove<Position>(entity);
        Assert.That(world.Has<Position>(entity), Is.False);
        Assert.That(world.GetComponents(entity), Is.EqualTo(ComponentSet.Of<Counter, Velocity>()));
        Assert.That(world.Get<Velocity>(entity), Is.EqualTo(new Velocity(1, 2, 3)));

        for (var i = 0; i < bystanders.Count; i++)
        {
            Assert.That(world.Get<Counter>(bystanders[i]).Value, Is.EqualTo(i));
            if (i != 37)
            {
                Assert.That(world.Get<Position>(bystanders[i]), Is.EqualTo(new Position(i, i, i)));
            }
        }
    }

    [Test]
    public void Add_without_value_is_zeroed_even_in_a_reused_row()
    {
        var world = new World();
        var a = world.Create(new Counter(1), new Velocity(9, 9, 9));
        world.Destroy(a);
        var b = world.Create(new Counter(2));

        world.Add<Velocity>(b);

        Assert.That(world.Get<Velocity>(b), Is.EqualTo(default(Velocity)));
    }

    [Test]
    public void Archetypes_are_reused_along_cached_edges()
    {
        var world = new World();
        var e1 = world.Create(new Counter(1));
        var e2 = world.Create(new Counter(2));
        world.Add(e1, new Frozen());
        var afterFirst = world.ArchetypeCount;

        world.Add(e2, new Frozen());
        world.Remove<Frozen>(e2);
        world.Add(e2, new Frozen());

        Assert.That(world.ArchetypeCount, Is.EqualTo(afterFirst));
    }

    [Test]
    public void Set_overwrites_and_TryGet_reports_presence()
    {
        var world = new World();
        var entity = world.Create(new Counter(1));

        world.Set(entity, new Counter(5));

        Assert.That(world.TryGet<Counter>(entity, out var counter), Is.True);
        Assert.That(counter.Value, Is.EqualTo(5));
        Assert.That(world.TryGet<Position>(entity, out _), Is.False);
        world.Destroy(entity);
        Assert.That(world.TryGet<Counter>(entity, out _), Is.False);
    }

    [Test]
    public void Get_returns_a_reference_into_storage()
    {
        var world = new World();
        var entity = world.Create(new Counter(1));

        world.Get<Counter>(entity).Value += 41;

        Assert.That(world.GetReadOnly<Counter>(entity).Value, Is.EqualTo(42));
    }

    [Test]
    public void Fixed_size_buffer_components_live_in_columns_and_survive_moves()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 2048 });
        var entities = Enumerable.Range(1, 60).Select(i => world.Create(Bag.Filled(i))).ToList();

        foreach (var entity in entities.Where((_, i) => i % 2 == 0))
        {
            world.Add(entity, new Position(1, 1, 1));
        }

        world.Destroy(entities[5]);
        world.Remove<Position>(entities[10]);

        for (var i = 0; i < entities.Count; i++)
        {
            if (i == 5)
            {
                continue;
            }

            Assert.That(world.Get<Bag>(entities[i]).IsFilledFrom(i + 1), Is.True, $"entity {i}");
        }
    }
}
