using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Tests.Persistence;

/// <summary>
/// A real store behind a database that misbehaves on demand: writes fail a given number of times,
/// or hang until released. Reads pass straight through.
/// </summary>
internal sealed class UnreliableStore(ICharacterStore inner) : ICharacterStore
{
    private readonly Lock _gate = new();
    private int _failures;
    private TaskCompletionSource? _hold;

    /// <summary>Writes that reached the real store, in order.</summary>
    public List<string> Written { get; } = [];

    /// <summary>The next <paramref name="count"/> writes throw, as a dropped connection would.</summary>
    public void FailNext(int count)
    {
        lock (_gate)
        {
            _failures = count;
        }
    }

    /// <summary>Writes wait until <see cref="Release"/>, as behind a database that stopped answering.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    public Task<IReadOnlyList<CharacterSummaryRecord>> ListAsync(long accountId, CancellationToken cancellationToken = default) => inner.ListAsync(accountId, cancellationToken);

    public Task<CharacterCreation> CreateAsync(long accountId, CharacterState initial, int maxCharacters, CancellationToken cancellationToken = default) => inner.CreateAsync(accountId, initial, maxCharacters, cancellationToken);

    public Task<CharacterCreation> CreateWithNewAccountAsync(string accountName, CharacterState initial, CancellationToken cancellationToken = default) => inner.CreateWithNewAccountAsync(accountName, initial, cancellationToken);

    public Task<StoredCharacter?> LoadAsync(long characterId, CancellationToken cancellationToken = default) => inner.LoadAsync(characterId, cancellationToken);

    public async Task SaveAsync(CharacterState state, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync().ConfigureAwait(false);
        await inner.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        Record($"save {state.CharacterId}");
    }

    public async Task SaveProgressAsync(IReadOnlyList<CharacterProgress> progress, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync().ConfigureAwait(false);
        await inner.SaveProgressAsync(progress, cancellationToken).ConfigureAwait(false);
        Record($"progress {progress.Count}");
    }

    public async Task<bool> CommitAsync(ItemTransaction transaction, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync().ConfigureAwait(false);
        var committed = await inner.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        Record($"commit {transaction.Id}");
        return committed;
    }

    public Task<IReadOnlyList<StoredGroundItem>> LoadGroundItemsAsync(CancellationToken cancellationToken = default) => inner.LoadGroundItemsAsync(cancellationToken);

    public Task<IReadOnlyList<StoredGravestone>> LoadGravestonesAsync(CancellationToken cancellationToken = default) => inner.LoadGravestonesAsync(cancellationToken);

    public Task SetPushToTalkAsync(long characterId, bool pushToTalk, CancellationToken cancellationToken = default) => inner.SetPushToTalkAsync(characterId, pushToTalk, cancellationToken);

    public Task<long> MaxStoredIdAsync(CancellationToken cancellationToken = default) => inner.MaxStoredIdAsync(cancellationToken);

    public Task<bool> IsDeathRecordedAsync(long deathId, CancellationToken cancellationToken = default) => inner.IsDeathRecordedAsync(deathId, cancellationToken);

    private async Task BeforeWriteAsync()
    {
        Task? hold;
        lock (_gate)
        {
            if (_failures > 0)
            {
                _failures--;
                throw new TimeoutException("The database did not answer (simulated).");
            }

            hold = _hold?.Task;
        }

        if (hold is not null)
        {
            await hold.ConfigureAwait(false);
        }
    }

    private void Record(string write)
    {
        lock (_gate)
        {
            Written.Add(write);
        }
    }
}
