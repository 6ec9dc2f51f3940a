using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

/// <summary>Chunk memory is pooled across worlds: a disposed world's memory is what the next one gets.</summary>
public class WorldDisposalTests
{
    private static readonly QueryDescription Counters = new QueryDescription().WithAll<Counter>();

    [Test]
    public void A_disposed_worlds_memory_is_reused_by_the_next_world()
    {
        var first = new World();
        first.Create(100_000, new Counter(1), new Position(1, 2, 3));
        var allocatedWhileLive = ChunkMemoryPool.AllocatedBytes;
        var retainedBefore = ChunkMemoryPool.RetainedBytes;
        first.Dispose();
        Assert.That(ChunkMemoryPool.RetainedBytes, Is.GreaterThan(retainedBefore), "the chunks went back to the pool");

        using var second = new World();
        second.Create(100_000, new Counter(2), new Position(4, 5, 6));
        Assert.That(ChunkMemoryPool.AllocatedBytes, Is.LessThanOrEqualTo(allocatedWhileLive), "no new memory from the OS");
        Assert.That(second.Query(Counters).Count(), Is.EqualTo(100_000));
    }

    [Test]
    public void Pooled_memory_never_shows_an_earlier_worlds_values()
    {
        using (var dirty = new World())
        {
            dirty.Create(50_000, new Counter(-1), new Position(9, 9, 9));
        }

        using var world = new World();
        var handles = new Entity[50_000];
        world.Create(ComponentSet.Of<Counter, Position>(), handles);
        world.Add<Velocity>(handles[7]);

        Assert.That(handles.All(e => world.Get<Counter>(e).Value == 0 && world.Get<Position>(e) == default), Is.True);
        Assert.That(world.Get<Velocity>(handles[7]), Is.EqualTo(default(Velocity)));
    }

    [Test]
    public void A_disposed_world_refuses_changes_and_holds_nothing()
    {
        var world = new World();
        var entity = world.Create(new Counter(3));
        var query = world.Query(Counters);
        world.Dispose();

        Assert.That(world.IsAlive(entity), Is.False);
        Assert.That(world.Count, Is.Zero);
        Assert.That(query.Count(), Is.Zero);
        Assert.Throws<ObjectDisposedException>(() => world.Create(new Counter(4)));
        Assert.Throws<ObjectDisposedException>(() => world.Create(10, new Counter(4)));
        Assert.Throws<ObjectDisposedException>(() => world.Reserve(ComponentSet.Of<Counter>(), 10));
        Assert.Throws<InvalidOperationException>(() => world.Get<Counter>(entity));
        Assert.DoesNotThrow(world.Dispose, "disposing twice is harmless");
    }

    [Test]
    public void A_world_cannot_be_disposed_while_a_query_iterates()
    {
        using var world = new World();
        world.Create(new Counter(1));
        foreach (var chunk in world.Query(Counters).GetChunks())
        {
            Assert.Throws<InvalidOperationException>(world.Dispose);
            Assert.That(chunk.GetReadOnlySpan<Counter>()[0].Value, Is.EqualTo(1));
        }
    }

    [Test]
    public void Growing_the_first_chunk_returns_each_smaller_block()
    {
        using var world = new World(new WorldOptions { InitialChunkRows = 1 });
        var allocatedBefore = ChunkMemoryPool.AllocatedBytes;
        var retainedBefore = ChunkMemoryPool.RetainedBytes;
        for (var i = 0; i < 10_000; i++)
        {
            world.Create(new Counter(i));
        }

        // Doubling from one row to 10,000 rents about fourteen blocks; all but the last go back.
        var inUse = ChunkMemoryPool.AllocatedBytes - allocatedBefore - (ChunkMemoryPool.RetainedBytes - retainedBefore);
        Assert.That(inUse, Is.LessThanOrEqualTo(2 * 16 * 16_384), "only the live chunk is held (one power-of-two block)");
    }
}
