using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Store;

/// <summary>
/// Records structural changes (create, destroy, add, remove, set) while a query iterates and
/// applies them, in order, on <see cref="Playback"/>. Entities created through the buffer are
/// named by placeholder handles that later commands in the same buffer may target.
/// Reuse one buffer: after warm-up, recording and playback allocate nothing.
/// </summary>
public sealed class CommandBuffer
{
    private readonly World _world;
    private BufferedCommand[] _commands = new BufferedCommand[64];
    private byte[] _values = new byte[1024];
    private ComponentSet[] _sets = new ComponentSet[8];
    private Entity[] _created = new Entity[8];
    private int _valueLength;
    private int _setCount;

    // Placeholders carry the batch generation as their version, so one left over from an
    // earlier playback is refused instead of silently naming this batch's entity.
    private int _generation = 1;

    /// <summary>Creates a buffer for <paramref name="world"/>.</summary>
    public CommandBuffer(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _world = world;
    }

    /// <summary>The number of recorded commands.</summary>
    public int Count { get; private set; }

    /// <summary>Records the creation of an entity with zeroed components; returns its placeholder.</summary>
    public Entity Create(in ComponentSet components)
    {
        if (_setCount == _sets.Length)
        {
            Array.Resize(ref _sets, _sets.Length * 2);
        }

        _sets[_setCount] = components;
        var placeholder = new Entity(-(_setCount + 1), _generation);
        Append(new BufferedCommand(CommandKind.Create, placeholder, -1, _setCount++));
        return placeholder;
    }

    /// <summary>Records the destruction of an entity.</summary>
    public void Destroy(Entity entity) => Append(new BufferedCommand(CommandKind.Destroy, Checked(entity), -1, 0));

    /// <summary>Records adding <typeparamref name="T"/> with a value.</summary>
    public void Add<T>(Entity entity, in T value)
        where T : unmanaged =>
        Append(new BufferedCommand(CommandKind.Add, Checked(entity), ComponentId<T>.Value, Store(value)));

    /// <summary>Records removing <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity)
        where T : unmanaged =>
        Append(new BufferedCommand(CommandKind.Remove, Checked(entity), ComponentId<T>.Value, 0));

    /// <summary>Records overwriting <typeparamref name="T"/>.</summary>
    public void Set<T>(Entity entity, in T value)
        where T : unmanaged =>
        Append(new BufferedCommand(CommandKind.Set, Checked(entity), ComponentId<T>.Value, Store(value)));

    /// <summary>
    /// Applies every command in recording order, then empties the buffer. Each command is checked
    /// like the direct call it stands for; if one fails (say its entity was destroyed by an earlier
    /// command) the commands before it stay applied, the rest are dropped, the buffer is emptied
    /// and an <see cref="InvalidOperationException"/> names the failing command.
    /// </summary>
    public void Playback()
    {
        _world.ThrowIfIterating();
        if (_created.Length < _setCount)
        {
            Array.Resize(ref _created, Math.Max(_setCount, _created.Length * 2));
        }

        var index = 0;
        try
        {
            for (; index < Count; index++)
            {
                Apply(in _commands[index]);
            }
        }
        catch (InvalidOperationException failure)
        {
            var kind = _commands[index].Kind;
            Clear();
            throw new InvalidOperationException($"Command buffer playback failed at command {index} ({kind}): {failure.Message}", failure);
        }

        Clear();
    }

    /// <summary>Drops every recorded command without applying it.</summary>
    public void Clear()
    {
        Count = 0;
        _valueLength = 0;
        _setCount = 0;
        _generation = _generation == int.MaxValue ? 1 : _generation + 1;
    }

    private void Apply(in BufferedCommand command)
    {
        switch (command.Kind)
        {
            case CommandKind.Create:
                _created[command.Payload] = _world.Create(_sets[command.Payload]);
                break;
            case CommandKind.Destroy:
                _world.Destroy(Resolve(command.Target));
                break;
            case CommandKind.Add:
                _world.AddCore(Resolve(command.Target), command.ComponentId, ref _values[command.Payload]);
                break;
            case CommandKind.Remove:
                _world.RemoveCore(Resolve(command.Target), command.ComponentId);
                break;
            case CommandKind.Set:
                _world.SetCore(Resolve(command.Target), command.ComponentId, ref _values[command.Payload]);
                break;
        }
    }

    private Entity Resolve(Entity target) => target.IsPlaceholder ? _created[-target.Id - 1] : target;

    private Entity Checked(Entity entity)
    {
        if (entity.IsPlaceholder)
        {
            if (entity.Version != _generation || -entity.Id > _setCount)
            {
                throw new ArgumentException($"{entity} is not a placeholder of this buffer's pending commands.", nameof(entity));
            }
        }
        else if (!_world.IsAlive(entity))
        {
            throw new ArgumentException($"{entity} is not alive; a command for it could never apply.", nameof(entity));
        }

        return entity;
    }

    private int Store<T>(in T value)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var offset = _valueLength;
        if (offset + size > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(offset + size, _values.Length * 2));
        }

        Unsafe.WriteUnaligned(ref _values[offset], value);
        _valueLength = offset + size;
        return offset;
    }

    private void Append(in BufferedCommand command)
    {
        if (Count == _commands.Length)
        {
            Array.Resize(ref _commands, _commands.Length * 2);
        }

        _commands[Count++] = command;
    }
}
