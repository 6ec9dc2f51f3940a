using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// An archetype ECS store. Entities with the same component set share an archetype whose
/// components are stored column-wise in chunks. A world is single-threaded: one thread at a time
/// may use it (the simulation's tick thread).
/// </summary>
/// <remarks>
/// Misuse throws and leaves the world unchanged: adding a component an entity already has,
/// removing or reading one it lacks, touching a destroyed entity, or changing structure while a
/// query iterates (record the change in a <see cref="CommandBuffer"/> instead).
/// A <c>ref</c> returned by <see cref="Get{T}"/> is valid until the next structural change.
/// Component data lives in native memory pooled across worlds: dispose a world to hand its
/// memory to the next one (an undisposed world gives it back when collected).
/// </remarks>
public sealed class World : IDisposable
{
    private readonly WorldOptions _options;
    private readonly Dictionary<ComponentSet, Archetype> _archetypeBySet = [];
    private readonly Dictionary<QueryDescription, Query> _queryByDescription = [];
    private readonly List<Archetype> _archetypes = [];
    private readonly List<Query> _queries = [];
    private readonly Archetype _emptyArchetype;
    private EntityRecord[] _records;
    private int _highWater;
    private int[] _freeIds;
    private int _freeCount;
    private int _iterationDepth;
    private uint _version = 1;
    private ComponentSet _lastCreatedSet;
    private Archetype _lastCreatedArchetype;
    private bool _disposed;

    /// <summary>Creates an empty world with <see cref="WorldOptions.Default"/>.</summary>
    public World()
        : this(WorldOptions.Default)
    {
    }

    /// <summary>Creates an empty world.</summary>
    public World(WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        // Both tables are rented: a world that lives briefly (tests, tools, benchmarks, zone
        // hand-offs) should not leave megabytes of large-object-heap garbage behind it.
        _records = ArrayPool<EntityRecord>.Shared.Rent(options.InitialEntityCapacity);
        _freeIds = ArrayPool<int>.Shared.Rent(Math.Min(options.InitialEntityCapacity, 1024));
        _emptyArchetype = CreateArchetype(ComponentSet.Empty);
        _lastCreatedArchetype = _emptyArchetype;
    }

    /// <summary>The number of live entities.</summary>
    public int Count { get; private set; }

    /// <summary>The number of archetypes created so far; archetypes are never removed.</summary>
    public int ArchetypeCount => _archetypes.Count;

    /// <summary>
    /// The current change version. Every writable access stamps the touched chunk column with it.
    /// </summary>
    public uint Version => _version;

    /// <summary>
    /// Counts structural changes (create, destroy, add, remove). Unlike chunk change versions it
    /// also moves when an entity disappears without any row moving, so a reader can tell that
    /// the set of entities changed.
    /// </summary>
    public uint StructureVersion { get; private set; }

    /// <summary>True while a query is iterating; structural changes are refused then.</summary>
    public bool IsIterating => _iterationDepth != 0;

    /// <summary>
    /// Closes the current version and returns it as a checkpoint: every write after this call is
    /// stamped with a version greater than the checkpoint, so passing the checkpoint to
    /// <see cref="Query.GetChunksChangedSince(in ComponentSet, uint)"/> later yields exactly the
    /// chunks written since now.
    /// </summary>
    public uint AdvanceVersion() => _version++;

    // ---- creation -------------------------------------------------------------------------

    /// <summary>Creates an entity with no components.</summary>
    public Entity Create() => Create(ComponentSet.Empty);

    /// <summary>Creates an entity whose components are all zero-initialized.</summary>
    public Entity Create(in ComponentSet components)
    {
        var entity = PlaceNew(components, out var archetype, out var chunk, out var row);
        for (var column = 0; column < archetype.Sizes.Length; column++)
        {
            var size = archetype.Sizes[column];
            Unsafe.InitBlockUnaligned(ref chunk.Cell(column, row, size), 0, (uint)size);
        }

        return entity;
    }

    /// <summary>Creates an entity with one component.</summary>
    public Entity Create<T1>(in T1 c1)
        where T1 : unmanaged
    {
        var entity = PlaceNew(ComponentSet.Of<T1>(), out var archetype, out var chunk, out var row);
        Unsafe.Add(ref chunk.Read<T1>(archetype.ColumnOf(ComponentId<T1>.Value)), row) = c1;
        return entity;
    }

    /// <summary>Creates an entity with two components.</summary>
    public Entity Create<T1, T2>(in T1 c1, in T2 c2)
        where T1 : unmanaged
        where T2 : unmanaged
    {
        var entity = PlaceNew(ComponentSet.Of<T1, T2>(), out var archetype, out var chunk, out var row);
        Unsafe.Add(ref chunk.Read<T1>(archetype.ColumnOf(ComponentId<T1>.Value)), row) = c1;
        Unsafe.Add(ref chunk.Read<T2>(archetype.ColumnOf(ComponentId<T2>.Value)), row) = c2;
        return entity;
    }

    /// <summary>Creates an entity with three components.</summary>
    public Entity Create<T1, T2, T3>(in T1 c1, in T2 c2, in T3 c3)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        var entity = PlaceNew(ComponentSet.Of<T1, T2, T3>(), out var archetype, out var chunk, out var row);
        Unsafe.Add(ref chunk.Read<T1>(archetype.ColumnOf(ComponentId<T1>.Value)), row) = c1;
        Unsafe.Add(ref chunk.Read<T2>(archetype.ColumnOf(ComponentId<T2>.Value)), row) = c2;
        Unsafe.Add(ref chunk.Read<T3>(archetype.ColumnOf(ComponentId<T3>.Value)), row) = c3;
        return entity;
    }

    /// <summary>Creates an entity with four components.</summary>
    public Entity Create<T1, T2, T3, T4>(in T1 c1, in T2 c2, in T3 c3, in T4 c4)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
    {
        var entity = PlaceNew(ComponentSet.Of<T1, T2, T3, T4>(), out var archetype, out var chunk, out var row);
        Unsafe.Add(ref chunk.Read<T1>(archetype.ColumnOf(ComponentId<T1>.Value)), row) = c1;
        Unsafe.Add(ref chunk.Read<T2>(archetype.ColumnOf(ComponentId<T2>.Value)), row) = c2;
        Unsafe.Add(ref chunk.Read<T3>(archetype.ColumnOf(ComponentId<T3>.Value)), row) = c3;
        Unsafe.Add(ref chunk.Read<T4>(archetype.ColumnOf(ComponentId<T4>.Value)), row) = c4;
        return entity;
    }

    /// <summary>Creates an entity with five components.</summary>
    public Entity Create<T1, T2, T3, T4, T5>(in T1 c1, in T2 c2, in T3 c3, in T4 c4, in T5 c5)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
    {
        var entity = PlaceNew(ComponentSet.Of<T1, T2, T3, T4>().With<T5>(), out var archetype, out var chunk, out var row);
        Unsafe.Add(ref chunk.Read<T1>(archetype.ColumnOf(ComponentId<T1>.Value)), row) = c1;
        Unsafe.Add(ref chunk.Read<T2>(archetype.ColumnOf(ComponentId<T2>.Value)), row) = c2;
        Unsafe.Add(ref chunk.Read<T3>(archetype.ColumnOf(ComponentId<T3>.Value)), row) = c3;
        Unsafe.Add(ref chunk.Read<T4>(archetype.ColumnOf(ComponentId<T4>.Value)), row) = c4;
        Unsafe.Add(ref chunk.Read<T5>(archetype.ColumnOf(ComponentId<T5>.Value)), row) = c5;
        return entity;
    }

    /// <summary>Creates an entity with six components; use <see cref="Create(in ComponentSet)"/> and <see cref="Set{T}"/> for more.</summary>
    public Entity Create<T1, T2, T3, T4, T5, T6>(in T1 c1, in T2 c2, in T3 c3, in T4 c4, in T5 c5, in T6 c6)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
    {
        var entity = PlaceNew(ComponentSet.Of<T1, T2, T3, T4>().With<T5>().With<T6>(), out var archetype, out var chunk, out var row);
        Unsafe.Add(ref chunk.Read<T1>(archetype.ColumnOf(ComponentId<T1>.Value)), row) = c1;
        Unsafe.Add(ref chunk.Read<T2>(archetype.ColumnOf(ComponentId<T2>.Value)), row) = c2;
        Unsafe.Add(ref chunk.Read<T3>(archetype.ColumnOf(ComponentId<T3>.Value)), row) = c3;
        Unsafe.Add(ref chunk.Read<T4>(archetype.ColumnOf(ComponentId<T4>.Value)), row) = c4;
        Unsafe.Add(ref chunk.Read<T5>(archetype.ColumnOf(ComponentId<T5>.Value)), row) = c5;
        Unsafe.Add(ref chunk.Read<T6>(archetype.ColumnOf(ComponentId<T6>.Value)), row) = c6;
        return entity;
    }

    // ---- bulk creation --------------------------------------------------------------------

    /// <summary>
    /// Creates <c>entities.Length</c> entities with zero-initialized components and writes their
    /// handles to <paramref name="entities"/>. Rows are reserved a chunk at a time.
    /// </summary>
    public void Create(in ComponentSet components, Span<Entity> entities)
    {
        var fill = new ZeroFill();
        PlaceMany(components, entities.Length, entities, ref fill);
    }

    /// <summary>Creates <paramref name="count"/> entities with zero-initialized components.</summary>
    public void Create(in ComponentSet components, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var fill = new ZeroFill();
        PlaceMany(components, count, default, ref fill);
    }

    /// <summary>Creates <c>entities.Length</c> entities, all with <paramref name="c1"/>, and writes their handles.</summary>
    public void Create<T1>(Span<Entity> entities, in T1 c1)
        where T1 : unmanaged
    {
        var fill = new ComponentFill<T1>(c1);
        PlaceMany(ComponentSet.Of<T1>(), entities.Length, entities, ref fill);
    }

    /// <summary>Creates <paramref name="count"/> entities, all with <paramref name="c1"/>.</summary>
    public void Create<T1>(int count, in T1 c1)
        where T1 : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var fill = new ComponentFill<T1>(c1);
        PlaceMany(ComponentSet.Of<T1>(), count, default, ref fill);
    }

    /// <summary>Creates <c>entities.Length</c> entities, all with the given values, and writes their handles.</summary>
    public void Create<T1, T2>(Span<Entity> entities, in T1 c1, in T2 c2)
        where T1 : unmanaged
        where T2 : unmanaged
    {
        var fill = new ComponentFill<T1, T2>(c1, c2);
        PlaceMany(ComponentSet.Of<T1, T2>(), entities.Length, entities, ref fill);
    }

    /// <summary>
    /// Creates <paramref name="count"/> entities, all with the given values: the fastest way to
    /// populate a world (rows are claimed a chunk at a time and each column is filled in one pass).
    /// </summary>
    public void Create<T1, T2>(int count, in T1 c1, in T2 c2)
        where T1 : unmanaged
        where T2 : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var fill = new ComponentFill<T1, T2>(c1, c2);
        PlaceMany(ComponentSet.Of<T1, T2>(), count, default, ref fill);
    }

    /// <summary>Creates <c>entities.Length</c> entities, all with the given values, and writes their handles.</summary>
    public void Create<T1, T2, T3>(Span<Entity> entities, in T1 c1, in T2 c2, in T3 c3)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        var fill = new ComponentFill<T1, T2, T3>(c1, c2, c3);
        PlaceMany(ComponentSet.Of<T1, T2, T3>(), entities.Length, entities, ref fill);
    }

    /// <summary>Creates <paramref name="count"/> entities, all with the given values.</summary>
    public void Create<T1, T2, T3>(int count, in T1 c1, in T2 c2, in T3 c3)
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var fill = new ComponentFill<T1, T2, T3>(c1, c2, c3);
        PlaceMany(ComponentSet.Of<T1, T2, T3>(), count, default, ref fill);
    }

    // ---- destruction ----------------------------------------------------------------------

    /// <summary>Destroys an entity; its handle becomes stale immediately.</summary>
    public void Destroy(Entity entity)
    {
        ThrowIfIterating();
        ref var record = ref RecordOf(entity);
        StructureVersion++;
        RemoveRow(record.Chunk!.Archetype, record.Chunk, record.Row);
        FreeSlot(ref record, entity.Id);
    }

    /// <summary>Destroys every entity the description matches; returns how many.</summary>
    public int Destroy(in QueryDescription description)
    {
        ThrowIfIterating();
        StructureVersion++;
        var query = Query(description);
        var destroyed = 0;
        for (var a = 0; a < query.ArchetypeCount; a++)
        {
            var archetype = query.ArchetypeAt(a);
            if (archetype.EntityCount == 0)
            {
                continue;
            }

            EnsureFreeCapacity(_freeCount + archetype.EntityCount);
            for (var c = 0; c < archetype.ChunkCount; c++)
            {
                var chunk = archetype.Chunks[c];
                foreach (var entity in chunk.Entities[..chunk.Count])
                {
                    FreeSlot(ref _records[entity.Id], entity.Id);
                }
            }

            destroyed += archetype.EntityCount;
            archetype.Clear();
        }

        return destroyed;
    }

    // ---- liveness and reads ---------------------------------------------------------------

    /// <summary>True when the handle names a live entity of this world.</summary>
    public bool IsAlive(Entity entity)
    {
        if ((uint)entity.Id >= (uint)_highWater)
        {
            return false;
        }

        ref var record = ref _records[entity.Id];
        return record.Version == entity.Version && record.Chunk is not null;
    }

    /// <summary>True when the live entity has <typeparamref name="T"/>.</summary>
    public bool Has<T>(Entity entity)
        where T : unmanaged => RecordOf(entity).Chunk!.Archetype.ColumnOf(ComponentId<T>.Value) >= 0;

    /// <summary>The exact component set of a live entity.</summary>
    public ComponentSet GetComponents(Entity entity) => RecordOf(entity).Chunk!.Archetype.Components;

    /// <summary>
    /// A writable reference to a component. Counts as a write: the chunk column's change version
    /// is stamped. Use <see cref="GetReadOnly{T}"/> to read without marking a change.
    /// </summary>
    public ref T Get<T>(Entity entity)
        where T : unmanaged
    {
        ref var record = ref RecordOf(entity);
        var chunk = record.Chunk!;
        var column = ColumnOrThrow(chunk.Archetype, ComponentId<T>.Value, entity);
        return ref Unsafe.Add(ref chunk.Write<T>(column, _version), record.Row);
    }

    /// <summary>A read-only reference to a component; does not stamp a change.</summary>
    public ref readonly T GetReadOnly<T>(Entity entity)
        where T : unmanaged
    {
        ref var record = ref RecordOf(entity);
        var chunk = record.Chunk!;
        var column = ColumnOrThrow(chunk.Archetype, ComponentId<T>.Value, entity);
        return ref Unsafe.Add(ref chunk.Read<T>(column), record.Row);
    }

    /// <summary>Copies a component out when the entity is alive and has it.</summary>
    public bool TryGet<T>(Entity entity, out T value)
        where T : unmanaged
    {
        if (IsAlive(entity))
        {
            ref var record = ref _records[entity.Id];
            var column = record.Chunk!.Archetype.ColumnOf(ComponentId<T>.Value);
            if (column >= 0)
            {
                value = Unsafe.Add(ref record.Chunk.Read<T>(column), record.Row);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Overwrites a component the entity already has.</summary>
    public void Set<T>(Entity entity, in T value)
        where T : unmanaged => Get<T>(entity) = value;

    // ---- structural changes to one entity -------------------------------------------------

    /// <summary>Adds a zero-initialized <typeparamref name="T"/>.</summary>
    public void Add<T>(Entity entity)
        where T : unmanaged => Add(entity, default(T));

    /// <summary>Adds <typeparamref name="T"/>; throws when the entity already has it.</summary>
    public void Add<T>(Entity entity, in T value)
        where T : unmanaged =>
        AddCore(entity, ComponentId<T>.Value, ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in value)));

    /// <summary>Removes <typeparamref name="T"/>; throws when the entity lacks it.</summary>
    public void Remove<T>(Entity entity)
        where T : unmanaged => RemoveCore(entity, ComponentId<T>.Value);

    // ---- queries --------------------------------------------------------------------------

    /// <summary>
    /// The cached query for a description. Matching archetypes are found once and kept up to date
    /// as archetypes appear, so keep the returned object and reuse it every tick.
    /// </summary>
    public Query Query(in QueryDescription description)
    {
        if (_queryByDescription.TryGetValue(description, out var query))
        {
            return query;
        }

        if (description.All.Overlaps(description.None))
        {
            throw new ArgumentException(
                $"The query can never match: {description.All.Intersect(description.None)} is in both All and None.",
                nameof(description));
        }

        query = new Query(this, description);
        foreach (var archetype in _archetypes)
        {
            query.Consider(archetype);
        }

        _queryByDescription.Add(description, query);
        _queries.Add(query);
        return query;
    }

    // ---- capacity -------------------------------------------------------------------------

    /// <summary>
    /// Allocates room for <paramref name="count"/> more entities with exactly
    /// <paramref name="components"/>, so creating them later allocates nothing. Use it at start-up
    /// to pay for memory before the first tick.
    /// </summary>
    public void Reserve(in ComponentSet components, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ThrowIfCannotChange();
        var archetype = ArchetypeFor(components);
        EnsureRecordCapacity(_highWater + Math.Max(0, count - _freeCount));
        EnsureFreeCapacity(_highWater + count);
        archetype.Reserve(count);
    }

    /// <summary>
    /// Releases the empty chunks that destroying entities left allocated. Destroy keeps memory
    /// for reuse, as <see cref="List{T}.Clear"/> does; call this after a large clean-up.
    /// </summary>
    public void TrimExcess()
    {
        ThrowIfIterating();
        foreach (var archetype in _archetypes)
        {
            archetype.TrimExcess();
        }
    }

    /// <summary>
    /// Destroys every entity and gives the world's chunk memory and tables back to the shared
    /// pools, where the next world reuses them without fresh pages or garbage collections.
    /// The world must not be used after; queries over it find nothing. Safe to call twice.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        ThrowIfIterating();
        _disposed = true;
        foreach (var archetype in _archetypes)
        {
            archetype.Release();
        }

        // Cleared first so the pooled table holds no chunk references (which would keep them alive).
        _records.AsSpan(0, _highWater).Clear();
        ArrayPool<EntityRecord>.Shared.Return(_records);
        ArrayPool<int>.Shared.Return(_freeIds);
        _records = [];
        _freeIds = [];
        _highWater = 0;
        _freeCount = 0;
        Count = 0;
        StructureVersion++;
    }

    // ---- internals used by queries and command buffers ------------------------------------

    /// <summary>Every archetype, in creation order; for tests of storage invariants.</summary>
    internal IReadOnlyList<Archetype> Archetypes => _archetypes;

    /// <summary>The chunk holding a live entity; for tests of storage behaviour.</summary>
    internal Chunk RecordChunk(Entity entity) => RecordOf(entity).Chunk!;

    internal void EnterIteration() => _iterationDepth++;

    internal void ExitIteration() => _iterationDepth--;

    internal void AddCore(Entity entity, int componentId, ref byte value)
    {
        ThrowIfIterating();
        ref var record = ref RecordOf(entity);
        var source = record.Chunk!.Archetype;
        if (source.ColumnOf(componentId) >= 0)
        {
            throw new InvalidOperationException(
                $"{entity} already has {ComponentRegistry.Get(componentId)}; use Set to change it.");
        }

        var target = source.AddEdge(componentId) ?? LinkEdge(source, source.Components.With(componentId), componentId, adding: true);
        StructureVersion++;
        MoveTo(ref record, target);
        var column = target.ColumnOf(componentId);
        var size = target.Sizes[column];
        Unsafe.CopyBlockUnaligned(ref record.Chunk!.Cell(column, record.Row, size), ref value, (uint)size);
    }

    internal void RemoveCore(Entity entity, int componentId)
    {
        ThrowIfIterating();
        ref var record = ref RecordOf(entity);
        var source = record.Chunk!.Archetype;
        if (source.ColumnOf(componentId) < 0)
        {
            throw new InvalidOperationException($"{entity} has no {ComponentRegistry.Get(componentId)} to remove.");
        }

        var target = source.RemoveEdge(componentId) ?? LinkEdge(source, source.Components.Without(componentId), componentId, adding: false);
        StructureVersion++;
        MoveTo(ref record, target);
    }

    internal void SetCore(Entity entity, int componentId, ref byte value)
    {
        ref var record = ref RecordOf(entity);
        var chunk = record.Chunk!;
        var column = ColumnOrThrow(chunk.Archetype, componentId, entity);
        var size = chunk.Archetype.Sizes[column];
        chunk.Versions[column] = _version;
        Unsafe.CopyBlockUnaligned(ref chunk.Cell(column, record.Row, size), ref value, (uint)size);
    }

    internal void ThrowIfIterating()
    {
        if (_iterationDepth != 0)
        {
            ThrowStructuralChangeDuringIteration();
        }
    }

    /// <summary>Refuses a change: a query is iterating or the world is disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfCannotChange()
    {
        if (_iterationDepth != 0)
        {
            ThrowStructuralChangeDuringIteration();
        }

        if (_disposed)
        {
            ThrowDisposed();
        }
    }

    /// <summary>
    /// Places <paramref name="count"/> new entities a chunk at a time: ids and records first,
    /// then <paramref name="fill"/> writes each chunk's new rows column by column.
    /// </summary>
    private void PlaceMany<TFill>(in ComponentSet components, int count, Span<Entity> handlesOut, ref TFill fill)
        where TFill : struct, IRowFill
    {
        ThrowIfCannotChange();
        StructureVersion++;
        var archetype = ArchetypeFor(components);
        EnsureRecordCapacity(_highWater + count - Math.Min(_freeCount, count));
        var done = 0;
        while (done < count)
        {
            var chunk = archetype.ChunkWithSpace(count - done);
            var start = chunk.Count;
            var take = Math.Min(count - done, chunk.Capacity - start);
            var handles = chunk.Entities.Slice(start, take);
            var records = _records;
            var reused = Math.Min(_freeCount, take);
            for (var i = 0; i < reused; i++)
            {
                var id = _freeIds[--_freeCount];
                ref var record = ref records[id];
                record.Chunk = chunk;
                record.Row = start + i;
                handles[i] = new Entity(id, record.Version);
            }

            // Fresh ids are consecutive: one pass, no free-list test per row.
            var firstFresh = _highWater;
            _highWater += take - reused;
            for (var i = reused; i < take; i++)
            {
                var id = firstFresh + i - reused;
                ref var record = ref records[id];
                record.Version = 1;
                record.Chunk = chunk;
                record.Row = start + i;
                handles[i] = new Entity(id, 1);
            }

            fill.Fill(chunk, archetype, start, take);
            if (!handlesOut.IsEmpty)
            {
                handles.CopyTo(handlesOut[done..]);
            }

            chunk.Count = start + take;
            chunk.MarkAll(_version);
            done += take;
        }

        archetype.EntityCount += count;
        Count += count;
    }

    // ---- private machinery ----------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref EntityRecord RecordOf(Entity entity)
    {
        if ((uint)entity.Id < (uint)_highWater)
        {
            ref var record = ref _records[entity.Id];
            if (record.Version == entity.Version && record.Chunk is not null)
            {
                return ref record;
            }
        }

        ThrowNotAlive(entity);
        return ref Unsafe.NullRef<EntityRecord>();
    }

    private static int ColumnOrThrow(Archetype archetype, int componentId, Entity entity)
    {
        var column = archetype.ColumnOf(componentId);
        if (column < 0)
        {
            ThrowMissing(entity, componentId);
        }

        return column;
    }

    private Archetype ArchetypeFor(in ComponentSet components)
    {
        if (components == _lastCreatedSet)
        {
            return _lastCreatedArchetype;
        }

        if (!_archetypeBySet.TryGetValue(components, out var archetype))
        {
            archetype = CreateArchetype(components);
        }

        _lastCreatedSet = components;
        _lastCreatedArchetype = archetype;
        return archetype;
    }

    private Archetype CreateArchetype(in ComponentSet components)
    {
        var archetype = new Archetype(components, _options);
        _archetypeBySet.Add(components, archetype);
        _archetypes.Add(archetype);
        foreach (var query in _queries)
        {
            query.Consider(archetype);
        }

        return archetype;
    }

    private Archetype LinkEdge(Archetype source, in ComponentSet targetSet, int componentId, bool adding)
    {
        if (!_archetypeBySet.TryGetValue(targetSet, out var target))
        {
            target = CreateArchetype(targetSet);
        }

        if (adding)
        {
            source.SetAddEdge(componentId, target);
            target.SetRemoveEdge(componentId, source);
        }
        else
        {
            source.SetRemoveEdge(componentId, target);
            target.SetAddEdge(componentId, source);
        }

        return target;
    }

    private Entity PlaceNew(in ComponentSet components, out Archetype archetype, out Chunk chunk, out int row)
    {
        // The guard comes first: a new archetype would change the archetype list a query is walking.
        ThrowIfCannotChange();
        StructureVersion++;
        archetype = ArchetypeFor(components);
        var id = AllocateId();
        ref var record = ref _records[id];
        chunk = archetype.ChunkWithSpace();
        row = chunk.Count++;
        archetype.EntityCount++;
        Count++;
        var entity = new Entity(id, record.Version);
        chunk.Entities[row] = entity;
        chunk.MarkAll(_version);
        record.Chunk = chunk;
        record.Row = row;
        return entity;
    }

    /// <summary>Moves an entity's row to <paramref name="target"/>, carrying shared components.</summary>
    private void MoveTo(ref EntityRecord record, Archetype target)
    {
        var sourceChunk = record.Chunk!;
        var source = sourceChunk.Archetype;
        var sourceRow = record.Row;
        var targetChunk = target.ChunkWithSpace();
        var targetRow = targetChunk.Count++;
        target.EntityCount++;
        targetChunk.Entities[targetRow] = sourceChunk.Entities[sourceRow];
        var sourceIds = source.ComponentIds;
        for (var column = 0; column < sourceIds.Length; column++)
        {
            var targetColumn = target.ColumnOf(sourceIds[column]);
            if (targetColumn >= 0)
            {
                var size = source.Sizes[column];
                Unsafe.CopyBlockUnaligned(
                    ref targetChunk.Cell(targetColumn, targetRow, size),
                    ref sourceChunk.Cell(column, sourceRow, size),
                    (uint)size);
            }
        }

        targetChunk.MarkAll(_version);
        RemoveRow(source, sourceChunk, sourceRow);
        record.Chunk = targetChunk;
        record.Row = targetRow;
    }

    /// <summary>Fills a hole by moving the archetype's last row into it.</summary>
    private void RemoveRow(Archetype archetype, Chunk chunk, int row)
    {
        var lastChunk = archetype.Chunks[archetype.ChunkCount - 1];
        var lastRow = lastChunk.Count - 1;
        if (!ReferenceEquals(chunk, lastChunk) || row != lastRow)
        {
            var sizes = archetype.Sizes;
            for (var column = 0; column < sizes.Length; column++)
            {
                var size = sizes[column];
                Unsafe.CopyBlockUnaligned(ref chunk.Cell(column, row, size), ref lastChunk.Cell(column, lastRow, size), (uint)size);
            }

            var moved = lastChunk.Entities[lastRow];
            chunk.Entities[row] = moved;
            chunk.MarkAll(_version);
            ref var movedRecord = ref _records[moved.Id];
            movedRecord.Chunk = chunk;
            movedRecord.Row = row;
        }

        lastChunk.Count = lastRow;
        archetype.EntityCount--;
        archetype.ReleaseEmptyLastChunk();
    }

    private int AllocateId()
    {
        if (_freeCount > 0)
        {
            return _freeIds[--_freeCount];
        }

        EnsureRecordCapacity(_highWater + 1);
        return NewId(_records);
    }

    /// <summary>Takes the next never-used slot; the caller has made room for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NewId(EntityRecord[] records)
    {
        var id = _highWater++;
        records[id].Version = 1;
        return id;
    }

    private void FreeSlot(ref EntityRecord record, int id)
    {
        record.Chunk = null;
        // Bumping now (not at reuse) makes every outstanding handle stale at once.
        record.Version = record.Version == int.MaxValue ? 1 : record.Version + 1;
        EnsureFreeCapacity(_freeCount + 1);
        _freeIds[_freeCount++] = id;
        Count--;
    }

    private void EnsureRecordCapacity(int needed)
    {
        if (needed > _records.Length)
        {
            var records = ArrayPool<EntityRecord>.Shared.Rent(Math.Max(needed, _records.Length * 2));
            _records.AsSpan(0, _highWater).CopyTo(records);
            _records.AsSpan(0, _highWater).Clear();
            ArrayPool<EntityRecord>.Shared.Return(_records);
            _records = records;
        }
    }

    private void EnsureFreeCapacity(int needed)
    {
        if (needed > _freeIds.Length)
        {
            var freeIds = ArrayPool<int>.Shared.Rent(Math.Max(needed, _freeIds.Length * 2));
            _freeIds.AsSpan(0, _freeCount).CopyTo(freeIds);
            ArrayPool<int>.Shared.Return(_freeIds);
            _freeIds = freeIds;
        }
    }

    [DoesNotReturn]
    private static void ThrowNotAlive(Entity entity) =>
        throw new InvalidOperationException(entity.IsPlaceholder
            ? $"{entity} is a command-buffer placeholder; it names an entity only inside that buffer."
            : $"{entity} is not alive in this world (destroyed, never created, or a stale handle).");

    [DoesNotReturn]
    private static void ThrowMissing(Entity entity, int componentId) =>
        throw new InvalidOperationException($"{entity} has no {ComponentRegistry.Get(componentId)}.");

    [DoesNotReturn]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(World));

    [DoesNotReturn]
    private static void ThrowStructuralChangeDuringIteration() =>
        throw new InvalidOperationException(
            "Structural changes (create, destroy, add, remove) are not allowed while a query iterates; record them in a CommandBuffer and play it back after the query.");
}
