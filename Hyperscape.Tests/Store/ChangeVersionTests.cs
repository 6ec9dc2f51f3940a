using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class ChangeVersionTests
{
    private static readonly QueryDescription Everything = new QueryDescription().WithAll<Counter>();

    [Test]
    public void Only_chunks_written_after_the_checkpoint_are_visited()
    {
        var world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        var entities = Enumerable.Range(0, 400).Select(i => world.Create(new Counter(i), new Position())).ToList();
        var query = world.Query(Everything);
        var watched = ComponentSet.Of<Counter>();
        var checkpoint = world.AdvanceVersion();

        Assert.That(ChangedEntities(query, watched, checkpoint), Is.Empty, "nothing written since the checkpoint");

        world.Get<Counter>(entities[3]).Value++;
        world.Set(entities[399], new Counter(-1));
        _ = world.GetReadOnly<Counter>(entities[200]);
        world.Set(entities[250], new Position(1, 1, 1));

        var changed = ChangedEntities(query, watched, checkpoint);
        Assert.That(changed, Does.Contain(entities[3]).And.Contain(entities[399]));
        Assert.That(changed, Does.Not.Contain(entities[200]), "read-only access is not a change");
        Assert.That(changed, Does.Not.Contain(entities[250]), "a write to another column is not a Counter change");
        Assert.That(changed, Has.Count.LessThan(400), "untouched chunks are skipped");
        Assert.That(ChangedEntities(query, ComponentSet.Of<Position>(), checkpoint), Does.Contain(entities[250]));
    }

    [Test]
    public void A_new_checkpoint_forgets_earlier_writes()
    {
        var world = new World();
        var entity = world.Create(new Counter(1));
        var query = world.Query(Everything);
        var first = world.AdvanceVersion();
        world.Get<Counter>(entity).Value = 2;

        var second = world.AdvanceVersion();

        Assert.That(second, Is.GreaterThan(first));
        Assert.That(ChangedEntities(query, ComponentSet.Of<Counter>(), first), Is.EqualTo(new[] { entity }));
        Assert.That(ChangedEntities(query, ComponentSet.Of<Counter>(), second), Is.Empty);
    }

    [Test]
    public void Writable_spans_and_ForEach_stamp_read_only_spans_do_not()
    {
        var world = new World();
        world.Create(new Counter(1), new Position());
        var query = world.Query(Everything.WithAll<Position>());
        var checkpoint = world.AdvanceVersion();

        foreach (var chunk in query.GetChunks())
        {
            _ = chunk.GetReadOnlySpan<Counter>();
            Assert.That(chunk.HasChangedSince<Counter>(checkpoint), Is.False);
            chunk.GetSpan<Counter>()[0].Value = 5;
            Assert.That(chunk.HasChangedSince<Counter>(checkpoint), Is.True);
            Assert.That(chunk.HasChangedSince<Position>(checkpoint), Is.False);
        }

        var touch = new TouchPosition();
        query.ForEach<TouchPosition, Position>(ref touch);
        foreach (var chunk in query.GetChunks())
        {
            Assert.That(chunk.GetChangeVersion<Position>(), Is.GreaterThan(checkpoint));
        }
    }

    [Test]
    public void Created_and_moved_entities_count_as_changes()
    {
        var world = new World();
        var old = world.Create(new Counter(1));
        var query = world.Query(Everything);
        var checkpoint = world.AdvanceVersion();

        var created = world.Create(new Counter(2), new Frozen());
        Assert.That(ChangedEntities(query, ComponentSet.Of<Counter>(), checkpoint), Is.EquivalentTo(new[] { created }));

        checkpoint = world.AdvanceVersion();
        world.Add(old, new Position());
        Assert.That(ChangedEntities(query, ComponentSet.Of<Counter>(), checkpoint), Does.Contain(old));
    }

    [Test]
    public void The_structure_version_moves_on_every_structural_change_and_only_then()
    {
        var world = new World();
        var last = world.StructureVersion;
        uint Next()
        {
            var moved = world.StructureVersion != last;
            last = world.StructureVersion;
            return moved ? 1u : 0u;
        }

        var a = world.Create(new Counter(1));
        Assert.That(Next(), Is.EqualTo(1));
        world.Set(a, new Counter(2));
        world.Get<Counter>(a).Value++;
        Assert.That(Next(), Is.Zero, "writes are not structural");
        world.Add(a, new Frozen());
        Assert.That(Next(), Is.EqualTo(1));
        world.Remove<Frozen>(a);
        Assert.That(Next(), Is.EqualTo(1));
        world.Create(ComponentSet.Of<Counter>(), new Entity[3]);
        Assert.That(Next(), Is.EqualTo(1));
        world.Destroy(a);
        Assert.That(Next(), Is.EqualTo(1), "destroying a last row moves nothing, but the version still moves");
        world.Destroy(new QueryDescription().WithAll<Counter>());
        Assert.That(Next(), Is.EqualTo(1));
        Assert.Throws<InvalidOperationException>(() => world.Remove<Frozen>(world.Create()));
        Next();
        Assert.Throws<InvalidOperationException>(() => world.Destroy(a));
        Assert.That(Next(), Is.Zero, "a refused change changes nothing");
    }

    private static List<Entity> ChangedEntities(Query query, ComponentSet watched, uint checkpoint)
    {
        var result = new List<Entity>();
        foreach (var chunk in query.GetChunksChangedSince(watched, checkpoint))
        {
            result.AddRange(chunk.Entities.ToArray());
        }

        return result;
    }

    private struct TouchPosition : IForEach<Position>
    {
        public readonly void Execute(ref Position c1)
        {
        }
    }
}
