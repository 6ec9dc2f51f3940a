using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// FNV-1a over explicitly listed fields. Raw struct bytes are never hashed: padding bytes are not
/// part of a value and may differ between two equal values.
/// </summary>
internal struct StateHash
{
    private const ulong Prime = 1099511628211UL;
    private ulong _value;

    /// <summary>Starts a hash.</summary>
    public StateHash() => _value = 14695981039346656037UL;

    /// <summary>The hash so far.</summary>
    public readonly ulong Value => _value;

    /// <summary>Mixes in 64 bits.</summary>
    public void Add(ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            _value = (_value ^ (byte)(value >> (i * 8))) * Prime;
        }
    }

    /// <summary>Mixes in a signed integer.</summary>
    public void Add(long value) => Add((ulong)value);

    /// <summary>Mixes in a float by its bits.</summary>
    public void Add(float value) => Add((ulong)BitConverter.SingleToUInt32Bits(value));

    /// <summary>Mixes in a flag.</summary>
    public void Add(bool value) => Add(value ? 1UL : 0UL);

    /// <summary>Mixes in an entity handle.</summary>
    public void Add(Entity entity)
    {
        Add((long)entity.Id);
        Add((long)entity.Version);
    }
}
