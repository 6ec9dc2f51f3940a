using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

public class CommandBufferTests
{
    [Test]
    public void Changes_recorded_during_a_query_apply_after_playback_in_order()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 20).Select(i => world.Create(new Counter(i))).ToList();
        var buffer = new CommandBuffer(world);
        var query = world.Query(new QueryDescription().WithAll<Counter>());

        foreach (var chunk in query.GetChunks())
        {
            var counters = chunk.GetReadOnlySpan<Counter>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var entity = chunk.Entities[i];
                switch (counters[i].Value % 4)
                {
                    case 0:
                        buffer.Destroy(entity);
                        break;
                    case 1:
                        buffer.Add(entity, new Frozen());
                        break;
                    case 2:
                        buffer.Set(entity, new Counter(counters[i].Value * 10));
                        break;
                    default:
                        buffer.Remove<Counter>(entity);
                        break;
                }
            }
        }

        Assert.That(world.Count, Is.EqualTo(20), "nothing applies before playback");
        Assert.That(buffer.Count, Is.EqualTo(20));
        buffer.Playback();

        Assert.That(buffer.Count, Is.Zero);
        for (var i = 0; i < 20; i++)
        {
            var entity = entities[i];
            switch (i % 4)
            {
                case 0:
                    Assert.That(world.IsAlive(entity), Is.False);
                    break;
                case 1:
                    Assert.That(world.GetComponents(entity), Is.EqualTo(ComponentSet.Of<Counter, Frozen>()));
                    Assert.That(world.Get<Counter>(entity).Value, Is.EqualTo(i));
                    break;
                case 2:
                    Assert.That(world.Get<Counter>(entity).Value, Is.EqualTo(i * 10));
                    break;
                default:
                    Assert.That(world.GetComponents(entity).IsEmpty, Is.True);
                    break;
            }
        }
    }

    [Test]
    public void Placeholders_let_later_commands_target_created_entities()
    {
        var world = new World();
        var buffer = new CommandBuffer(world);

        var placeholder = buffer.Create(ComponentSet.Of<Counter>());
        buffer.Set(placeholder, new Counter(7));
        buffer.Add(placeholder, new Position(1, 2, 3));
        Assert.That(placeholder.IsPlaceholder, Is.True);
        Assert.Throws<InvalidOperationException>(() => world.Get<Counter>(placeholder));
        buffer.Playback();

        var created = world.Query(new QueryDescription().WithAll<Counter, Position>());
        Assert.That(created.Count(), Is.EqualTo(1));
        foreach (var chunk in created.GetChunks())
        {
            Assert.That(chunk.GetReadOnlySpan<Counter>()[0].Value, Is.EqualTo(7));
            Assert.That(chunk.GetReadOnlySpan<Position>()[0], Is.EqualTo(new Position(1, 2, 3)));
        }
    }

    [Test]
    public void A_placeholder_from_an_earlier_batch_is_refused()
    {
        var world = new World();
        var buffer = new CommandBuffer(world);
        var old = buffer.Create(ComponentSet.Of<Counter>());
        buffer.Playback();
        buffer.Create(ComponentSet.Of<Counter>());

        Assert.Throws<ArgumentException>(() => buffer.Destroy(old));
    }

    [Test]
    public void Recording_a_command_for_a_dead_entity_is_refused_at_once()
    {
        var world = new World();
        var entity = world.Create(new Counter(1));
        world.Destroy(entity);
        var buffer = new CommandBuffer(world);

        Assert.Throws<ArgumentException>(() => buffer.Destroy(entity));
        Assert.Throws<ArgumentException>(() => buffer.Add(entity, new Frozen()));
        Assert.That(buffer.Count, Is.Zero);
    }

    [Test]
    public void A_failing_command_reports_its_index_keeps_earlier_ones_and_empties_the_buffer()
    {
        var world = new World();
        var a = world.Create(new Counter(1));
        var b = world.Create(new Counter(2));
        var buffer = new CommandBuffer(world);
        buffer.Set(a, new Counter(10));
        buffer.Destroy(b);
        buffer.Destroy(b);
        buffer.Set(a, new Counter(20));

        var ex = Assert.Throws<InvalidOperationException>(buffer.Playback);

        Assert.That(ex!.Message, Does.Contain("command 2 (Destroy)"));
        Assert.That(world.Get<Counter>(a).Value, Is.EqualTo(10));
        Assert.That(world.IsAlive(b), Is.False);
        Assert.That(buffer.Count, Is.Zero);
        Assert.That(world.Count, Is.EqualTo(1));
    }

    [Test]
    public void Playback_inside_a_query_is_refused()
    {
        var world = new World();
        var entity = world.Create(new Counter(1));
        var buffer = new CommandBuffer(world);
        buffer.Destroy(entity);

        foreach (var chunk in world.Query(new QueryDescription().WithAll<Counter>()).GetChunks())
        {
            Assert.Throws<InvalidOperationException>(buffer.Playback);
        }

        Assert.That(buffer.Count, Is.EqualTo(1), "a refused playback keeps the commands");
        buffer.Playback();
        Assert.That(world.IsAlive(entity), Is.False);
    }
}
