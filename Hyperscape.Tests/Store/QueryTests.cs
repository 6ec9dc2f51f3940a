using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class QueryTests
{
    [Test]
    public void All_any_and_none_select_the_right_archetypes()
    {
        var world = new World();
        var pv = world.Create(new Position(), new Velocity());
        var p = world.Create(new Position());
        var pvf = world.Create(new Position(), new Velocity(), new Frozen());
        var c = world.Create(new Counter(1));
        var pc = world.Create(new Position(), new Counter(2));

        Assert.Multiple(() =>
        {
            Assert.That(Matching(world, new QueryDescription().WithAll<Position>()), Is.EquivalentTo(new[] { pv, p, pvf, pc }));
            Assert.That(Matching(world, new QueryDescription().WithAll<Position, Velocity>()), Is.EquivalentTo(new[] { pv, pvf }));
            Assert.That(Matching(world, new QueryDescription().WithAll<Position, Velocity>().WithNone<Frozen>()), Is.EquivalentTo(new[] { pv }));
            Assert.That(Matching(world, new QueryDescription().WithAny<Velocity, Counter>()), Is.EquivalentTo(new[] { pv, pvf, c, pc }));
            Assert.That(Matching(world, new QueryDescription().WithAll<Position>().WithAny<Counter, Frozen>()), Is.EquivalentTo(new[] { pvf, pc }));
            Assert.That(Matching(world, new QueryDescription()), Is.EquivalentTo(new[] { pv, p, pvf, c, pc }));
        });
    }

    [Test]
    public void Queries_are_cached_and_see_archetypes_created_later()
    {
        var world = new World();
        var description = new QueryDescription().WithAll<Counter>();
        var query = world.Query(description);
        Assert.That(query.Count(), Is.Zero);

        var later = world.Create(new Counter(1), new Frozen());

        Assert.That(world.Query(description), Is.SameAs(query));
        Assert.That(query.Count(), Is.EqualTo(1));
        Assert.That(Matching(world, description), Is.EqualTo(new[] { later }));
    }

    [Test]
    public void A_description_that_can_never_match_is_refused()
    {
        var world = new World();
        var ex = Assert.Throws<ArgumentException>(() => world.Query(new QueryDescription().WithAll<Counter>().WithNone<Counter>()));
        Assert.That(ex!.Message, Does.Contain("both All and None"));
    }

    [Test]
    public void ForEach_updates_every_match_in_place()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        var entities = Enumerable.Range(0, 500).Select(i => world.Create(new Position(i, 0, 0), new Velocity(1, 2, 3))).ToList();
        var still = world.Create(new Position(-1, 0, 0));
        var query = world.Query(new QueryDescription().WithAll<Position, Velocity>());

        var integrate = new Integrate();
        query.ForEach<Integrate, Position, Velocity>(ref integrate);

        Assert.That(integrate.Visited, Is.EqualTo(500), "state written by the callback reaches the caller");
        for (var i = 0; i < entities.Count; i++)
        {
            Assert.That(world.Get<Position>(entities[i]), Is.EqualTo(new Position(i + 1, 2, 3)));
        }

        Assert.That(world.Get<Position>(still), Is.EqualTo(new Position(-1, 0, 0)));
    }

    [Test]
    public void ForEach_of_every_arity_visits_the_same_entities()
    {
        var world = new World();
        for (var i = 0; i < 40; i++)
        {
            var e = world.Create(new Position(i, 0, 0), new Velocity(), new Counter(i));
            world.Add(e, Bag.Filled(i + 1));
        }

        var query = world.Query(new QueryDescription().WithAll<Position, Velocity>().WithAll<Counter, Bag>());
        var one = new CountOne();
        var three = new CountThree();
        var four = new CountFour();
        var withEntity = new CollectEntities { World = world, Seen = [] };
        query.ForEach<CountOne, Counter>(ref one);
        query.ForEach<CountThree, Position, Velocity, Counter>(ref three);
        query.ForEach<CountFour, Position, Velocity, Counter, Bag>(ref four);
        query.ForEachEntity<CollectEntities, Counter>(ref withEntity);

        Assert.That(one.Sum, Is.EqualTo(Enumerable.Range(0, 40).Sum()));
        Assert.That(three.Sum, Is.EqualTo(one.Sum));
        Assert.That(four.Sum, Is.EqualTo(one.Sum));
        Assert.That(withEntity.Seen, Has.Count.EqualTo(40));
    }

    [Test]
    public void ForEach_over_a_component_outside_All_is_refused()
    {
        var world = new World();
        world.Create(new Position(), new Velocity());
        var query = world.Query(new QueryDescription().WithAny<Position, Velocity>());
        var integrate = new Integrate();

        var ex = Assert.Throws<InvalidOperationException>(() => query.ForEach<Integrate, Position, Velocity>(ref integrate));
        Assert.That(ex!.Message, Does.Contain("WithAll<Position>"));
    }

    [Test]
    public void Chunks_expose_parallel_entity_and_component_spans()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        for (var i = 0; i < 300; i++)
        {
            world.Create(new Counter(i), new Position(i, 0, 0));
        }

        var chunks = 0;
        var seen = new HashSet<long>();
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Counter, Position>()).GetChunks())
        {
            chunks++;
            var counters = chunk.GetReadOnlySpan<Counter>();
            var positions = chunk.GetReadOnlySpan<Position>();
            Assert.That(chunk.Entities.Length, Is.EqualTo(chunk.Count));
            for (var i = 0; i < chunk.Count; i++)
            {
                Assert.That(positions[i].X, Is.EqualTo(counters[i].Value));
                Assert.That(world.Get<Counter>(chunk.Entities[i]), Is.EqualTo(counters[i]));
                seen.Add(counters[i].Value);
            }
        }

        Assert.That(chunks, Is.GreaterThan(1));
        Assert.That(seen, Has.Count.EqualTo(300));
    }

    [Test]
    public void Structural_changes_inside_a_query_throw_and_leave_the_world_intact()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 10).Select(i => world.Create(new Counter(i))).ToList();
        var query = world.Query(new QueryDescription().WithAll<Counter>());
        var attempt = new StructuralAttempt { World = world, Target = entities[0] };

        var ex = Assert.Throws<InvalidOperationException>(() => query.ForEachEntity<StructuralAttempt, Counter>(ref attempt));
        Assert.That(ex!.Message, Does.Contain("CommandBuffer"));
        Assert.That(world.IsIterating, Is.False, "the guard is lifted even when the callback throws");

        foreach (var chunk in query.GetChunks())
        {
            Assert.Throws<InvalidOperationException>(() => world.Create(new Counter(-1)));
            Assert.Throws<InvalidOperationException>(() => world.Destroy(entities[1]));
            Assert.Throws<InvalidOperationException>(() => world.Add(entities[1], new Frozen()));
            Assert.Throws<InvalidOperationException>(() => world.Remove<Counter>(entities[1]));
            Assert.Throws<InvalidOperationException>(() => world.Create(ComponentSet.Of<Velocity>(), new Entity[3]));
            Assert.Throws<InvalidOperationException>(() => world.Destroy(new QueryDescription().WithAll<Counter>()));
            world.Set(chunk.Entities[0], new Counter(100));
            break;
        }

        Assert.That(world.IsIterating, Is.False, "breaking out of foreach disposes the enumerator");
        Assert.That(world.Count, Is.EqualTo(10));
        Assert.That(entities.Select(e => world.Get<Counter>(e).Value), Is.EqualTo(new long[] { 100, 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
        Assert.DoesNotThrow(() => world.Destroy(entities[9]));
    }

    private static List<Entity> Matching(World world, QueryDescription description)
    {
        var result = new List<Entity>();
        foreach (var chunk in world.Query(description).GetChunks())
        {
            result.AddRange(chunk.Entities.ToArray());
        }

        return result;
    }

    private struct Integrate : IForEach<Position, Velocity>
    {
        public int Visited;

        public void Execute(ref Position position, ref Velocity velocity)
        {
            position = new Position(position.X + velocity.X, position.Y + velocity.Y, position.Z + velocity.Z);
            Visited++;
        }
    }

    private struct CountOne : IForEach<Counter>
    {
        public long Sum;

        public void Execute(ref Counter c1) => Sum += c1.Value;
    }

    private struct CountThree : IForEach<Position, Velocity, Counter>
    {
        public long Sum;

        public void Execute(ref Position c1, ref Velocity c2, ref Counter c3) => Sum += (long)c1.X;
    }

    private struct CountFour : IForEach<Position, Velocity, Counter, Bag>
    {
        public long Sum;

        public void Execute(ref Position c1, ref Velocity c2, ref Counter c3, ref Bag c4) => Sum += c4.Seed - 1;
    }

    private struct CollectEntities : IForEachWithEntity<Counter>
    {
        public World World;
        public HashSet<Entity> Seen;

        public readonly void Execute(Entity entity, ref Counter c1)
        {
            Assert.That(World.Get<Counter>(entity), Is.EqualTo(c1));
            Seen.Add(entity);
        }
    }

    private struct StructuralAttempt : IForEachWithEntity<Counter>
    {
        public World World;
        public Entity Target;

        public readonly void Execute(Entity entity, ref Counter c1) => World.Destroy(Target);
    }
}
