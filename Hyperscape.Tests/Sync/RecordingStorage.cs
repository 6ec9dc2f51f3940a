using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Tests.Sync;

/// <summary>
/// A storage queue that keeps what it is given and reports a transaction durable only when the
/// test says so: a database as slow as the test wants.
/// </summary>
internal sealed class RecordingStorage : IStorageQueue
{
    private readonly Queue<long> _committed = new();

    public List<ItemTransaction> Transactions { get; } = [];

    public List<CharacterState> Saved { get; } = [];

    public List<IReadOnlyList<CharacterProgress>> ProgressSaves { get; } = [];

    /// <summary>When true, every transaction is durable as soon as it is handed over.</summary>
    public bool ConfirmAtOnce { get; set; }

    public void Commit(ItemTransaction transaction)
    {
        Transactions.Add(transaction);
        if (ConfirmAtOnce)
        {
            _committed.Enqueue(transaction.Id);
        }
    }

    public void Save(CharacterState character) => Saved.Add(character);

    public void SaveProgress(IReadOnlyList<CharacterProgress> progress) => ProgressSaves.Add(progress);

    /// <summary>Storage reports the transaction durable; the server hears it at its next frame.</summary>
    public void Confirm(long transactionId) => _committed.Enqueue(transactionId);

    public bool TryTakeCommitted(out long transactionId) => _committed.TryDequeue(out transactionId);
}
