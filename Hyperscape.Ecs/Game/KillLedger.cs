namespace Hyperscape.Ecs.Game;

/// <summary>NPC kills per (character, NPC type).</summary>
internal sealed class KillLedger
{
    private readonly Dictionary<(long Character, int NpcType), int> _kills = [];

    /// <summary>Counts one kill and returns the new total.</summary>
    public int Record(long characterId, int npcType)
    {
        var key = (characterId, npcType);
        _kills.TryGetValue(key, out var count);
        _kills[key] = ++count;
        return count;
    }

    /// <summary>The kills a character has of a type.</summary>
    public int Get(long characterId, int npcType) => _kills.TryGetValue((characterId, npcType), out var count) ? count : 0;

    /// <summary>Restores a stored count (when a character logs in).</summary>
    public void Load(long characterId, int npcType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _kills[(characterId, npcType)] = count;
    }
}
