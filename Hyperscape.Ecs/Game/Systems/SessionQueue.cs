using System.Collections.Concurrent;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Players waiting to enter or leave the world, filled from any thread and emptied by
/// <see cref="SessionSystem"/> at the start of a tick; and who is in the world, so a character
/// can be in it only once.
/// </summary>
internal sealed class SessionQueue
{
    public ConcurrentQueue<(CharacterState State, long NetworkId, IReadOnlyDictionary<int, int>? Kills)> Joins { get; } = new();

    public ConcurrentQueue<long> Leaves { get; } = new();

    /// <summary>Character id → network id, for everyone in the world or about to be.</summary>
    public ConcurrentDictionary<long, long> Online { get; } = new();

    /// <summary>The final state of every player who left during the last tick.</summary>
    public List<CharacterState> Departed { get; } = [];

    /// <summary>Ghost batches from neighbouring zones (a pooled array, its length used, the ticks each lives), applied at the next tick.</summary>
    public ConcurrentQueue<(GhostState[] Batch, int Count, int Lifetime)> Ghosts { get; } = new();

    /// <summary>Players leaving for another zone, by network id: each stays on screen as a ghost for this many ticks at most.</summary>
    public ConcurrentDictionary<long, int> HandOffs { get; } = new();
}
