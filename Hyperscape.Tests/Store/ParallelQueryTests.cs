using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class ParallelQueryTests
{
    private static readonly QueryDescription Moving = new QueryDescription().WithAll<Position, Velocity>();

    [Test]
    public void A_parallel_query_touches_every_row_once_across_archetypes_and_chunks()
    {
        using var world = new World(new WorldOptions { ChunkSizeBytes = 16 * 1024 });
        world.Create(60_000, new Position(1, 0, 0), new Velocity(1, 2, 3));
        world.Create(30_000, new Position(2, 0, 0), new Velocity(1, 2, 3), new Counter(1));
        world.Create(5, new Position(3, 0, 0), new Velocity(1, 2, 3), default(Frozen));
        var query = world.Query(Moving);

        var integrate = new Integrate();
        query.ParallelForEach<Integrate, Position, Velocity>(ref integrate);
        query.ParallelForEach<Integrate, Position, Velocity>(ref integrate);

        var rows = 0;
        foreach (var chunk in query.GetChunks())
        {
            foreach (var position in chunk.GetReadOnlySpan<Position>())
            {
                Assert.That(position.Y, Is.EqualTo(4), "each row integrated exactly twice");
                Assert.That(position.X, Is.AnyOf(3f, 4f, 5f));
                rows++;
            }
        }

        Assert.That(rows, Is.EqualTo(90_005));
    }

    [Test]
    public void A_parallel_query_stamps_what_it_wrote_as_changed()
    {
        using var world = new World();
        world.Create(50_000, new Position(), new Velocity(1, 1, 1));
        var query = world.Query(Moving);
        var checkpoint = world.AdvanceVersion();

        var integrate = new Integrate();
        query.ParallelForEach<Integrate, Position, Velocity>(ref integrate);

        var changed = 0;
        foreach (var chunk in query.GetChunksChangedSince(ComponentSet.Of<Position>(), checkpoint))
        {
            changed += chunk.Count;
        }

        Assert.That(changed, Is.EqualTo(50_000));
    }

    [Test]
    public void A_failing_callback_surfaces_on_the_caller_and_the_world_stays_usable()
    {
        using var world = new World();
        world.Create(100_000, new Counter(1));
        var query = world.Query(new QueryDescription().WithAll<Counter>());

        var failing = new FailAt { Value = 77 };
        world.Create(new Counter(77));
        var ex = Assert.Throws<InvalidOperationException>(() => query.ParallelForEach<FailAt, Counter>(ref failing));
        Assert.That(ex!.Message, Does.Contain("77"));

        Assert.That(world.IsIterating, Is.False);
        Assert.DoesNotThrow(() => world.Create(new Counter(2)));
    }

    [Test]
    public void Structural_changes_from_inside_a_parallel_callback_are_refused()
    {
        using var world = new World();
        world.Create(50_000, new Counter(1));
        var query = world.Query(new QueryDescription().WithAll<Counter>());

        var creating = new CreateFromCallback { World = world };
        Assert.Throws<InvalidOperationException>(() => query.ParallelForEach<CreateFromCallback, Counter>(ref creating));
        Assert.That(world.Count, Is.EqualTo(50_000));
    }

    [Test]
    public void A_parallel_query_of_nothing_does_nothing()
    {
        using var world = new World();
        var integrate = new Integrate();
        Assert.DoesNotThrow(() => world.Query(Moving).ParallelForEach<Integrate, Position, Velocity>(ref integrate));
    }

    private struct Integrate : IForEach<Position, Velocity>
    {
        public readonly void Execute(ref Position position, ref Velocity velocity)
        {
            position.X += velocity.X;
            position.Y += velocity.Y;
            position.Z += velocity.Z;
        }
    }

    private struct FailAt : IForEach<Counter>
    {
        public long Value;

        public readonly void Execute(ref Counter counter)
        {
            if (counter.Value == Value)
            {
                throw new InvalidOperationException($"met {Value}");
            }
        }
    }

    private struct CreateFromCallback : IForEach<Counter>
    {
        public World World;

        public readonly void Execute(ref Counter counter) => World.Create(new Counter(counter.Value));
    }
}
