namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The spells of a world, by id (their order in <c>spells.json</c>, from 1).</summary>
public sealed class SpellBook
{
    private readonly SpellDefinition[] _spells;

    /// <summary>Builds a spellbook; ids must run 1, 2, 3... in order.</summary>
    public SpellBook(IEnumerable<SpellDefinition> spells)
    {
        ArgumentNullException.ThrowIfNull(spells);
        _spells = [.. spells];
        for (var i = 0; i < _spells.Length; i++)
        {
            if (_spells[i].Id != i + 1)
            {
                throw new ArgumentException($"Spell '{_spells[i].Name}' has id {_spells[i].Id}; spells are numbered 1, 2, 3... in order.", nameof(spells));
            }
        }
    }

    /// <summary>A world without spells.</summary>
    public static SpellBook Empty { get; } = new([]);

    /// <summary>The spells of the default world (<see cref="Content.GameContent.Default"/>).</summary>
    public static SpellBook Standard => Content.GameContent.Default.Spells;

    /// <summary>Every spell, in id order.</summary>
    public IReadOnlyList<SpellDefinition> All => _spells;

    /// <summary>Looks up a spell; false for unknown ids.</summary>
    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SpellDefinition? spell)
    {
        spell = (uint)(id - 1) < (uint)_spells.Length ? _spells[id - 1] : null;
        return spell is not null;
    }
}
