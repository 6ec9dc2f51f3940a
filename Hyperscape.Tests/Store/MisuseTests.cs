using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

/// <summary>
/// Every misuse must throw and leave the world exactly as it was: the entity keeps its components
/// and values, and no other entity's data moves. (Arch 2.1 corrupts neighbours in these cases.)
/// </summary>
public class MisuseTests
{
    private World _world = null!;
    private List<Entity> _entities = null!;

    [SetUp]
    public void Populate()
    {
        _world = new World(new WorldOptions { ChunkSizeBytes = 1024 });
        _entities = Enumerable.Range(0, 90).Select(i => _world.Create(new Counter(i), new Position(i, -i, 0))).ToList();
    }

    [TearDown]
    public void DisposeWorld() => _world?.Dispose();

    [Test]
    public void Adding_a_component_twice_throws_and_changes_nothing()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _world.Add(_entities[3], new Counter(1000)));
        Assert.That(ex!.Message, Does.Contain("already has Counter"));
        AssertUntouched();
    }

    [Test]
    public void Removing_a_missing_component_throws_and_changes_nothing()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _world.Remove<Velocity>(_entities[3]));
        Assert.That(ex!.Message, Does.Contain("no Velocity"));
        AssertUntouched();
    }

    [Test]
    public void Reading_a_missing_component_throws()
    {
        Assert.Throws<InvalidOperationException>(() => _world.Get<Velocity>(_entities[3]));
        Assert.Throws<InvalidOperationException>(() => _world.GetReadOnly<Velocity>(_entities[3]));
        Assert.Throws<InvalidOperationException>(() => _world.Set(_entities[3], new Velocity()));
        AssertUntouched();
    }

    [Test]
    public void Every_operation_on_a_destroyed_entity_throws_and_changes_nothing()
    {
        var dead = _world.Create(new Counter(-1), new Position());
        _world.Destroy(dead);

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => _world.Destroy(dead));
            Assert.Throws<InvalidOperationException>(() => _world.Add(dead, new Velocity()));
            Assert.Throws<InvalidOperationException>(() => _world.Remove<Counter>(dead));
            Assert.Throws<InvalidOperationException>(() => _world.Get<Counter>(dead));
            Assert.Throws<InvalidOperationException>(() => _world.Set(dead, new Counter(5)));
            Assert.Throws<InvalidOperationException>(() => _world.Has<Counter>(dead));
            Assert.Throws<InvalidOperationException>(() => _world.GetComponents(dead));
        });
        AssertUntouched();
    }

    [Test]
    public void A_stale_handle_cannot_reach_the_entity_now_in_its_slot()
    {
        var stale = _entities[10];
        _world.Destroy(stale);
        var successor = _world.Create(new Counter(10), new Position(10, -10, 0));
        _entities[10] = successor;

        Assert.Throws<InvalidOperationException>(() => _world.Destroy(stale));
        Assert.Throws<InvalidOperationException>(() => _world.Set(stale, new Counter(-5)));
        AssertUntouched();
    }

    private void AssertUntouched()
    {
        Assert.That(_world.Count, Is.EqualTo(_entities.Count));
        for (var i = 0; i < _entities.Count; i++)
        {
            Assert.That(_world.GetComponents(_entities[i]), Is.EqualTo(ComponentSet.Of<Counter, Position>()));
            Assert.That(_world.Get<Counter>(_entities[i]).Value, Is.EqualTo(i));
            Assert.That(_world.Get<Position>(_entities[i]), Is.EqualTo(new Position(i, -i, 0)));
        }
    }
}
