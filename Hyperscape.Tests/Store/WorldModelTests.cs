using Hyperscape.Ecs.Store;
using Hyperscape.Tests.Store.Components;

namespace Hyperscape.Tests.Store;

/// <summary>
/// Random operations applied to the world and to a dictionary model with a fixed seed; after each
/// step the two must agree on which entities live, their exact component sets and every value.
/// </summary>
public class WorldModelTests
{
    private const int KindCount = 4;
    private const int CounterKind = 0;
    private const int PositionKind = 1;
    private const int BagKind = 2;
    private const int FrozenKind = 3;

    private Random _random = null!;
    private World _world = null!;
    private Dictionary<Entity, Dictionary<int, long>> _model = null!;
    private List<Entity> _dead = null!;
    private HashSet<Entity> _writtenSinceCheckpoint = null!;
    private uint _checkpoint;
    private long _nextUnique;

    [TearDown]
    public void DisposeWorld() => _world?.Dispose();

    [TestCase(1, 1024)]
    [TestCase(2, 4096)]
    [TestCase(3, 256 * 1024)]
    public void World_agrees_with_a_dictionary_model(int seed, int chunkBytes)
    {
        _random = new Random(seed);
        _world = new World(new WorldOptions { ChunkSizeBytes = chunkBytes, InitialChunkRows = 2 });
        _model = [];
        _dead = [];
        _writtenSinceCheckpoint = [];
        _checkpoint = _world.AdvanceVersion();
        _nextUnique = 1_000_000;

        for (var step = 0; step < 6000; step++)
        {
            var roll = _random.Next(100);
            var operation = roll switch
            {
                < 18 => "create",
                < 22 => "bulk-create",
                < 34 => "destroy",
                < 48 => "add",
                < 60 => "remove",
                < 74 => "set",
                < 78 => "stale",
                < 88 => "query",
                < 97 => "command-buffer",
                < 98 => "destroy-by-query",
                _ => "checkpoint",
            };
            if (_model.Count > 400 && operation is "create" or "bulk-create")
            {
                // Keep the population in the hundreds: enough for many chunks, cheap to compare.
                operation = "destroy";
            }

            Apply(operation);
            AssertAgreement($"step {step} ({operation})");
        }
    }

    private void Apply(string operation)
    {
        switch (operation)
        {
            case "create":
                {
                    var kinds = RandomKinds();
                    var entity = _world.Create(SetOf(kinds));
                    var values = kinds.ToDictionary(k => k, _ => 0L);
                    foreach (var kind in kinds.Where(k => k != FrozenKind && _random.Next(2) == 0))
                    {
                        values[kind] = RandomValue();
                        Write(entity, kind, values[kind]);
                    }

                    _model[entity] = values;
                    _writtenSinceCheckpoint.Add(entity);
                    break;
                }

            case "bulk-create":
                {
                    var kinds = RandomKinds();
                    var handles = new Entity[_random.Next(1, 80)];
                    _world.Create(SetOf(kinds), handles);
                    foreach (var entity in handles)
                    {
                        _model[entity] = kinds.ToDictionary(k => k, _ => 0L);
                        _writtenSinceCheckpoint.Add(entity);
                    }

                    break;
                }

            case "destroy" when _model.Count > 0:
                {
                    var entity = RandomLive();
                    _world.Destroy(entity);
                    _model.Remove(entity);
                    _dead.Add(entity);
                    break;
                }

            case "add" when _model.Count > 0:
                {
                    var entity = RandomLive();
                    var kind = _random.Next(KindCount);
                    var value = kind == FrozenKind ? 0 : RandomValue();
                    if (_model[entity].ContainsKey(kind))
                    {
                        Assert.Throws<InvalidOperationException>(() => Add(_world, entity, kind, value));
                        break;
                    }

                    Add(_world, entity, kind, value);
                    _model[entity][kind] = value;
                    _writtenSinceCheckpoint.Add(entity);
                    break;
                }

            case "remove" when _model.Count > 0:
                {
                    var entity = RandomLive();
                    var kind = _random.Next(KindCount);
                    if (!_model[entity].ContainsKey(kind))
                    {
                        Assert.Throws<InvalidOperationException>(() => Remove(_world, entity, kind));
                        break;
                    }

                    Remove(_world, entity, kind);
                    _model[entity].Remove(kind);
                    _writtenSinceCheckpoint.Add(entity);
                    break;
                }

            case "set" when _model.Count > 0:
                {
                    var entity = RandomLive();
                    var kind = _random.Next(FrozenKind);
                    var value = RandomValue();
                    if (!_model[entity].ContainsKey(kind))
                    {
                        Assert.Throws<InvalidOperationException>(() => Write(entity, kind, value));
                        break;
                    }

                    Write(entity, kind, value);
                    _model[entity][kind] = value;
                    _writtenSinceCheckpoint.Add(entity);
                    break;
                }

            case "stale" when _dead.Count > 0:
                {
                    var stale = _dead[_random.Next(_dead.Count)];
                    Assert.That(_world.IsAlive(stale), Is.False);
                    Assert.Throws<InvalidOperationException>(() => _world.Destroy(stale));
                    Assert.Throws<InvalidOperationException>(() => Add(_world, stale, CounterKind, 1));
                    break;
                }

            case "query":
                CheckQuery(RandomDescription());
                break;

            case "command-buffer":
                RunCommandBatch();
                break;

            case "destroy-by-query":
                {
                    var description = RandomDescription();
                    var doomed = _model.Keys.Where(e => description.Matches(SetOf(_model[e].Keys))).ToList();
                    Assert.That(_world.Destroy(description), Is.EqualTo(doomed.Count));
                    foreach (var entity in doomed)
                    {
                        _model.Remove(entity);
                        _dead.Add(entity);
                    }

                    break;
                }

            case "checkpoint":
                _checkpoint = _world.AdvanceVersion();
                _writtenSinceCheckpoint.Clear();
                break;
        }
    }

    private void RunCommandBatch()
    {
        var buffer = new CommandBuffer(_world);
        var pending = _model.ToDictionary(p => p.Key, p => new Dictionary<int, long>(p.Value));
        var destroyed = new List<Entity>();
        var uniques = new List<long>();
        var commands = _random.Next(1, 12);
        for (var i = 0; i < commands; i++)
        {
            var live = pending.Keys.ToList();
            var choice = live.Count == 0 ? 0 : _random.Next(5);
            if (choice == 0)
            {
                var unique = _nextUnique++;
                var placeholder = buffer.Create(ComponentSet.Of<Counter>());
                buffer.Set(placeholder, new Counter(unique));
                uniques.Add(unique);
                continue;
            }

            var entity = live[_random.Next(live.Count)];
            var kind = _random.Next(KindCount);
            var has = pending[entity].ContainsKey(kind);
            var value = kind == FrozenKind ? 0 : RandomValue();
            switch (choice)
            {
                case 1:
                    buffer.Destroy(entity);
                    pending.Remove(entity);
                    destroyed.Add(entity);
                    break;
                case 2 when !has:
                    AddDeferred(buffer, entity, kind, value);
                    pending[entity][kind] = value;
                    break;
                case 3 when has:
                    RemoveDeferred(buffer, entity, kind);
                    pending[entity].Remove(kind);
                    break;
                case 4 when has && kind != FrozenKind:
                    SetDeferred(buffer, entity, kind, value);
                    pending[entity][kind] = value;
                    break;
            }
        }

        buffer.Playback();
        var before = _model.Keys.ToHashSet();
        foreach (var entity in pending.Keys)
        {
            if (!before.Contains(entity) || !SameValues(_model[entity], pending[entity]))
            {
                _writtenSinceCheckpoint.Add(entity);
            }
        }

        _model = pending;
        _dead.AddRange(destroyed);
        foreach (var unique in uniques)
        {
            var created = FindByCounter(unique);
            _model[created] = new Dictionary<int, long> { [CounterKind] = unique };
            _writtenSinceCheckpoint.Add(created);
        }
    }

    private Entity FindByCounter(long value)
    {
        foreach (var chunk in _world.Query(new QueryDescription().WithAll<Counter>().WithNone<Position, Bag, Frozen>()).GetChunks())
        {
            var counters = chunk.GetReadOnlySpan<Counter>();
            for (var i = 0; i < chunk.Count; i++)
            {
                if (counters[i].Value == value)
                {
                    return chunk.Entities[i];
                }
            }
        }

        Assert.Fail($"the entity created with counter {value} is missing");
        return default;
    }

    private void CheckQuery(QueryDescription description)
    {
        var expected = _model.Keys.Where(e => description.Matches(SetOf(_model[e].Keys))).ToHashSet();
        var actual = new List<Entity>();
        foreach (var chunk in _world.Query(description).GetChunks())
        {
            actual.AddRange(chunk.Entities.ToArray());
        }

        Assert.That(actual, Is.EquivalentTo(expected), "query result");
        Assert.That(_world.Query(description).Count(), Is.EqualTo(expected.Count));

        var changed = new HashSet<Entity>();
        var all = SetOf(Enumerable.Range(0, KindCount));
        foreach (var chunk in _world.Query(new QueryDescription()).GetChunksChangedSince(all, _checkpoint))
        {
            changed.UnionWith(chunk.Entities.ToArray());
        }

        var missed = _writtenSinceCheckpoint.Where(e => _model.TryGetValue(e, out var kinds) && kinds.Count > 0 && !changed.Contains(e)).ToList();
        Assert.That(missed, Is.Empty, "every entity written since the checkpoint is in a changed chunk");
    }

    private void AssertAgreement(string where)
    {
        // Plain comparisons, one assertion: NUnit constraints per value would dominate the run time.
        if (_world.Count != _model.Count)
        {
            Assert.Fail($"{where}: world holds {_world.Count} entities, model {_model.Count}");
        }

        foreach (var (entity, values) in _model)
        {
            if (!_world.IsAlive(entity))
            {
                Assert.Fail($"{where}: {entity} should be alive");
            }

            if (_world.GetComponents(entity) != SetOf(values.Keys))
            {
                Assert.Fail($"{where}: {entity} has {_world.GetComponents(entity)}, model {SetOf(values.Keys)}");
            }

            foreach (var (kind, value) in values)
            {
                if (Read(entity, kind) != value)
                {
                    Assert.Fail($"{where}: {entity} kind {kind} is {Read(entity, kind)}, model {value}");
                }
            }
        }

        AssertStorageInvariants(where);

        for (var i = Math.Max(0, _dead.Count - 500); i < _dead.Count; i++)
        {
            var stale = _dead[i];
            if (_world.IsAlive(stale))
            {
                Assert.Fail($"{where}: stale {stale} is alive");
            }
        }
    }

    private void AssertStorageInvariants(string where)
    {
        var total = 0;
        foreach (var archetype in _world.Archetypes)
        {
            var rows = 0;
            for (var c = 0; c < archetype.Chunks.Length && archetype.Chunks[c] is { } chunk; c++)
            {
                var active = c < archetype.ChunkCount;
                if (!active && chunk.Count != 0)
                {
                    Assert.Fail($"{where}: spare chunk {c} of {archetype} holds rows");
                }

                if (active && c < archetype.ChunkCount - 1 && chunk.Count != chunk.Capacity)
                {
                    Assert.Fail($"{where}: chunk {c} of {archetype} is not full but is not the last");
                }

                for (var row = 0; active && row < chunk.Count; row++)
                {
                    var entity = chunk.Entities[row];
                    var home = _world.RecordChunk(entity);
                    if (!ReferenceEquals(home, chunk))
                    {
                        Assert.Fail($"{where}: {entity} is stored in a chunk its record does not name");
                    }
                }

                rows += active ? chunk.Count : 0;
            }

            if (rows != archetype.EntityCount)
            {
                Assert.Fail($"{where}: {archetype} counts {archetype.EntityCount} but holds {rows} rows");
            }

            total += rows;
        }

        if (total != _world.Count)
        {
            Assert.Fail($"{where}: archetypes hold {total} rows, world counts {_world.Count}");
        }
    }

    private long Read(Entity entity, int kind) => kind switch
    {
        CounterKind => _world.GetReadOnly<Counter>(entity).Value,
        PositionKind => (long)_world.GetReadOnly<Position>(entity).X,
        BagKind => _world.GetReadOnly<Bag>(entity).Seed,
        _ => 0,
    };

    private void Write(Entity entity, int kind, long value) => Dispatch(kind, value, new SetOnWorld(_world, entity));

    private static void Add(World world, Entity entity, int kind, long value) => Dispatch(kind, value, new AddToWorld(world, entity));

    private static void Remove(World world, Entity entity, int kind) => Dispatch(kind, 0, new RemoveFromWorld(world, entity));

    private static void AddDeferred(CommandBuffer buffer, Entity entity, int kind, long value) => Dispatch(kind, value, new AddDeferredTo(buffer, entity));

    private static void RemoveDeferred(CommandBuffer buffer, Entity entity, int kind) => Dispatch(kind, 0, new RemoveDeferredFrom(buffer, entity));

    private static void SetDeferred(CommandBuffer buffer, Entity entity, int kind, long value) => Dispatch(kind, value, new SetDeferredOn(buffer, entity));

    /// <summary>Turns a model kind and value into the matching component and hands it to an operation.</summary>
    private static void Dispatch<TOperation>(int kind, long value, TOperation operation)
        where TOperation : IComponentOperation
    {
        switch (kind)
        {
            case CounterKind:
                operation.Run(new Counter(value));
                break;
            case PositionKind:
                operation.Run(new Position(value, 0, 0));
                break;
            case BagKind:
                operation.Run(Bag.Filled((int)value));
                break;
            default:
                operation.Run(default(Frozen));
                break;
        }
    }

    private static ComponentSet SetOf(IEnumerable<int> kinds)
    {
        var set = ComponentSet.Empty;
        foreach (var kind in kinds)
        {
            set = kind switch
            {
                CounterKind => set.With<Counter>(),
                PositionKind => set.With<Position>(),
                BagKind => set.With<Bag>(),
                _ => set.With<Frozen>(),
            };
        }

        return set;
    }

    private static bool SameValues(Dictionary<int, long> a, Dictionary<int, long> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private List<int> RandomKinds() => Enumerable.Range(0, KindCount).Where(_ => _random.Next(2) == 0).ToList();

    private long RandomValue() => _random.Next(1, 100_000);

    private Entity RandomLive() => _model.Keys.ElementAt(_random.Next(_model.Count));

    private QueryDescription RandomDescription()
    {
        var all = RandomKinds().Where(_ => _random.Next(2) == 0).ToList();
        var none = RandomKinds().Except(all).Where(_ => _random.Next(2) == 0).ToList();
        var any = RandomKinds().Where(_ => _random.Next(3) == 0).ToList();
        return new QueryDescription().WithAll(SetOf(all)) with { Any = SetOf(any), None = SetOf(none) };
    }

    private interface IComponentOperation
    {
        void Run<T>(T component)
            where T : unmanaged;
    }

    private readonly record struct SetOnWorld(World World, Entity Entity) : IComponentOperation
    {
        public void Run<T>(T component)
            where T : unmanaged => World.Set(Entity, component);
    }

    private readonly record struct AddToWorld(World World, Entity Entity) : IComponentOperation
    {
        public void Run<T>(T component)
            where T : unmanaged => World.Add(Entity, component);
    }

    private readonly record struct RemoveFromWorld(World World, Entity Entity) : IComponentOperation
    {
        public void Run<T>(T component)
            where T : unmanaged => World.Remove<T>(Entity);
    }

    private readonly record struct AddDeferredTo(CommandBuffer Buffer, Entity Entity) : IComponentOperation
    {
        public void Run<T>(T component)
            where T : unmanaged => Buffer.Add(Entity, component);
    }

    private readonly record struct RemoveDeferredFrom(CommandBuffer Buffer, Entity Entity) : IComponentOperation
    {
        public void Run<T>(T component)
            where T : unmanaged => Buffer.Remove<T>(Entity);
    }

    private readonly record struct SetDeferredOn(CommandBuffer Buffer, Entity Entity) : IComponentOperation
    {
        public void Run<T>(T component)
            where T : unmanaged => Buffer.Set(Entity, component);
    }
}
