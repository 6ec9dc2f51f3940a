using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class CapacityTests
{
    private static readonly ComponentSet CounterPosition = ComponentSet.Of<Counter, Position>();

    [Test]
    public void Reserved_room_is_used_without_new_chunks()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        world.Reserve(CounterPosition, 500);
        var archetype = ArchetypeOf(world);
        var reservedChunks = archetype.Chunks.Count(c => c is not null);

        var handles = new Entity[500];
        world.Create(CounterPosition, handles);

        Assert.That(archetype.Chunks.Count(c => c is not null), Is.EqualTo(reservedChunks));
        Assert.That(archetype.EntityCount, Is.EqualTo(500));
        Assert.That(handles.All(world.IsAlive), Is.True);
    }

    [Test]
    public void Bulk_destroy_keeps_chunks_for_refill_and_TrimExcess_releases_them()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        var handles = new Entity[400];
        world.Create(CounterPosition, handles);
        var archetype = ArchetypeOf(world);
        var before = archetype.Chunks.Where(c => c is not null).ToList();

        world.Destroy(new QueryDescription().WithAll<Counter>());
        Assert.That(archetype.Chunks.Where(c => c is not null), Is.EqualTo(before), "memory kept");

        world.Create(CounterPosition, handles);
        Assert.That(archetype.Chunks.Where(c => c is not null), Is.EqualTo(before), "refill reuses it");
        Assert.That(handles.All(world.IsAlive), Is.True);

        world.Destroy(new QueryDescription().WithAll<Counter>());
        world.TrimExcess();
        Assert.That(archetype.Chunks.Count(c => c is not null), Is.EqualTo(1));
        var again = world.Create(new Counter(5), new Position());
        Assert.That(world.Get<Counter>(again).Value, Is.EqualTo(5));
    }

    [Test]
    public void Reserve_rejects_negative_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new World().Reserve(CounterPosition, -1));
    }

    private static Archetype ArchetypeOf(World world)
    {
        var entity = world.Create(CounterPosition);
        var archetype = world.RecordChunk(entity).Archetype;
        world.Destroy(entity);
        return archetype;
    }
}
