using System.Collections.Concurrent;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// What a zone process holds in zone mode: the epoch it owns each of its characters under. Every
/// write about a character carries that epoch (<see cref="SqlGameStore"/>), so once another zone has
/// taken the character no write of this one lands; the characters found lost that way are queued
/// here for the game loop to drop. Thread-safe: the loop holds and lets go, the writer reads.
/// </summary>
internal sealed class OwnershipFence(int zone)
{
    private readonly ConcurrentDictionary<long, long> _epochs = new();
    private readonly ConcurrentDictionary<long, bool> _leaving = new();
    private readonly ConcurrentQueue<long> _lost = new();

    /// <summary>The zone this process runs.</summary>
    public int Zone { get; } = zone;

    /// <summary>Characters held now.</summary>
    public int Held => _epochs.Count;

    /// <summary>The zone took the character at <paramref name="epoch"/>.</summary>
    public void Hold(long characterId, long epoch)
    {
        _epochs[characterId] = epoch;
        _leaving.TryRemove(characterId, out _);
    }

    /// <summary>The epoch the character is held at, if it is.</summary>
    public bool TryGetEpoch(long characterId, out long epoch) => _epochs.TryGetValue(characterId, out epoch);

    /// <summary>The character leaves the world: its next whole save also lets it go in the database.</summary>
    public void Leaving(long characterId) => _leaving[characterId] = true;

    /// <summary>Whether the character's next whole save lets it go.</summary>
    public bool IsLeaving(long characterId) => _leaving.ContainsKey(characterId);

    /// <summary>The character is no longer this zone's (let go, handed over, or lost).</summary>
    public void Forget(long characterId)
    {
        _epochs.TryRemove(characterId, out _);
        _leaving.TryRemove(characterId, out _);
    }

    /// <summary>A write found that another zone owns the character: forget it and tell the loop.</summary>
    public void Lost(long characterId)
    {
        if (_epochs.TryRemove(characterId, out _))
        {
            _lost.Enqueue(characterId);
        }

        _leaving.TryRemove(characterId, out _);
    }

    /// <summary>Takes a character found lost, for the loop to drop without saving.</summary>
    public bool TryTakeLost(out long characterId) => _lost.TryDequeue(out characterId);
}
