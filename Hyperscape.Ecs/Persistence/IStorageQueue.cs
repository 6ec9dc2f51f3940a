using Hyperscape.Ecs.Game;

namespace Hyperscape.Ecs.Persistence;

/// <summary>
/// Where a <see cref="Server.GameServer"/> hands what must be stored, without waiting: a host's
/// write-behind queue in front of its database. It must write in the order it was given (so
/// storage stays an exact prefix of the game's history) and report each item transaction once it
/// is durable. Called on the game thread only; implementations must not block.
/// </summary>
public interface IStorageQueue
{
    /// <summary>Queues an item transaction of the tick, in game order.</summary>
    void Commit(ItemTransaction transaction);

    /// <summary>Queues a whole character: one that left the world, or a save the host asked for.</summary>
    void Save(CharacterState character);

    /// <summary>Queues the periodic save of every online character's position and stats.</summary>
    void SaveProgress(IReadOnlyList<CharacterProgress> progress);

    /// <summary>Takes the id of an item transaction that is now durable, in the order they were committed.</summary>
    bool TryTakeCommitted(out long transactionId);
}
