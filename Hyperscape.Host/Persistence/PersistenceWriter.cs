using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// Writes to storage off the tick thread: the game server's <see cref="IStorageQueue"/>. Jobs run one at a time, in the order they were queued:
/// committing item transactions in game order keeps storage an exact prefix of the game's history.
/// A failing job is retried with a capped back-off and logged each time; it is never dropped and
/// nothing behind it overtakes it, so a slow or unavailable database delays saves, never the tick.
/// </summary>
public sealed class PersistenceWriter : IStorageQueue, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly ICharacterStore _store;
    private readonly ILogger<PersistenceWriter> _logger;
    private readonly Operations.ServerMetrics? _metrics;
    private readonly Channel<PersistenceJob> _jobs = Channel.CreateUnbounded<PersistenceJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<long> _committed = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _awaited = new();
    private readonly ConcurrentDictionary<long, (Zones.HandOffTicket Ticket, TimeSpan Lease, TaskCompletionSource<Zones.CommitOutcome> Done)> _moves = new();
    private readonly CancellationTokenSource _abandoned = new();
    private readonly Task _worker;
    private long _pending;

    /// <summary>Starts the writer.</summary>
    public PersistenceWriter(ICharacterStore store, ILogger<PersistenceWriter> logger, Operations.ServerMetrics? metrics = null)
    {
        _store = store;
        _logger = logger;
        _metrics = metrics;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Zone mode: the store whose writes are fenced by this zone's ownership (null in one process).</summary>
    internal SqlGameStore? Owned { get; set; }

    /// <summary>Jobs queued and not yet done.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Total retries so far (every failed attempt).</summary>
    public long Retries { get; private set; }

    /// <summary>Queues a job. Thread-safe and never blocks.</summary>
    public void Enqueue(PersistenceJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Interlocked.Increment(ref _pending);
        if (!_jobs.Writer.TryWrite(job))
        {
            Interlocked.Decrement(ref _pending);
            throw new InvalidOperationException("The persistence writer has stopped; nothing more can be saved.");
        }
    }

    /// <summary>Takes the id of an item transaction that is now durable, if any.</summary>
    public bool TryTakeCommitted(out long transactionId) => _committed.TryDequeue(out transactionId);

    /// <inheritdoc />
    public void Commit(ItemTransaction transaction) => Enqueue(new PersistenceJob.Commit(transaction));

    /// <inheritdoc />
    public void Save(CharacterState character)
    {
        ArgumentNullException.ThrowIfNull(character);
        if (_moves.TryRemove(character.CharacterId, out var move))
        {
            Enqueue(new PersistenceJob.Move(character, move.Ticket, move.Lease, move.Done));
            return;
        }

        var awaited = _awaited.GetValueOrDefault(character.CharacterId);
        Enqueue(new PersistenceJob.Character(character, awaited, Departure: awaited is not null));
    }

    /// <summary>
    /// Zone mode: the character's departure save (the next <see cref="Save"/> of it) becomes the
    /// crossing's commit, queued behind every item transaction of the tick it crossed on.
    /// </summary>
    internal void MoveOnDeparture(Zones.HandOffTicket ticket, TimeSpan lease, TaskCompletionSource<Zones.CommitOutcome> done) =>
        _moves[ticket.CharacterId] = (ticket, lease, done);

    /// <inheritdoc />
    public void SaveProgress(IReadOnlyList<CharacterProgress> progress) => Enqueue(new PersistenceJob.Progress(progress));

    /// <summary>
    /// The character is about to leave the world: <see cref="WhenSavedAsync"/> waits for its next
    /// <see cref="Save"/> to be durable, so loading it sooner cannot read its state from before.
    /// </summary>
    public void ExpectSave(long characterId)
    {
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaited[characterId] = saved;
        _ = saved.Task.ContinueWith(_ => _awaited.TryRemove(KeyValuePair.Create(characterId, saved)), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Completes once an expected save of the character is durable (at once when none is expected).</summary>
    public Task WhenSavedAsync(long characterId) => _awaited.TryGetValue(characterId, out var saved) ? saved.Task : Task.CompletedTask;

    /// <summary>Waits until everything queued so far is written.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new PersistenceJob.Barrier(done));
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops taking jobs and finishes the ones queued. After <see cref="Abandon"/> that is quick;
    /// a database command that ignores cancellation (SQLite waiting on a lock) is not waited for
    /// past a second: the process exits without it, and the database's journal keeps it whole.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(_abandoned.IsCancellationRequested ? TimeSpan.FromSeconds(1) : Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogError("A database command did not return after the writer was abandoned; exiting without it");
        }
    }

    /// <summary>
    /// Gives up (the process must exit now): cancels the database command in flight, and fails
    /// every job still queued instead of running it. Whoever waits on a job's completion learns
    /// that it was not saved.
    /// </summary>
    public void Abandon()
    {
        try
        {
            _abandoned.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync()
    {
        var skipped = 0;
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_abandoned.IsCancellationRequested)
            {
                Fail(job);
                skipped++;
                Interlocked.Decrement(ref _pending);
                continue;
            }

            var delay = FirstRetry;
            for (var attempt = 1; ; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await RunJobAsync(job).ConfigureAwait(false);
                    _metrics?.RecordSave(JobKind(job), Stopwatch.GetElapsedTime(started));
                    break;
                }
                catch (CharacterFencedException fenced)
                {
                    // Another zone owns the character now: this write must never land, so it is not retried.
                    _logger.LogWarning("Not writing {Job}: {Reason}", JobName(job), fenced.Message);
                    _metrics?.RecordSaveFailure(JobKind(job));
                    Refuse(job, fenced);
                    break;
                }
                catch (Exception) when (_abandoned.IsCancellationRequested)
                {
                    _logger.LogError("Abandoned {Job} while it was being written, because the server is exiting now", JobName(job));
                    Fail(job);
                    break;
                }
                catch (Exception exception)
                {
                    Retries++;
                    _metrics?.RecordSaveFailure(JobKind(job));
                    _logger.LogWarning(exception, "Saving {Job} failed (attempt {Attempt}); retrying in {Delay} ms. Nothing is dropped.", JobName(job), attempt, delay.TotalMilliseconds);
                    try
                    {
                        await Task.Delay(delay, _abandoned.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        _logger.LogError("Abandoned {Job} after {Attempt} attempts because the server is exiting now", JobName(job), attempt);
                        Fail(job);
                        break;
                    }

                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
                }
            }

            Interlocked.Decrement(ref _pending);
        }

        if (skipped > 0)
        {
            _logger.LogError("Abandoned {Count} queued saves without running them, because the server is exiting now", skipped);
        }
    }

    private static void Fail(PersistenceJob job) => Refuse(job, new InvalidOperationException("The save was abandoned: the server exited before the database took it."));

    private static void Refuse(PersistenceJob job, Exception abandoned)
    {
        switch (job)
        {
            case PersistenceJob.Character { Saved: { } saved }:
                saved.TrySetException(abandoned);
                break;
            case PersistenceJob.Barrier barrier:
                barrier.Done.TrySetException(abandoned);
                break;
            case PersistenceJob.Move move:
                move.Done.TrySetException(abandoned);
                break;
        }
    }

    private async Task RunJobAsync(PersistenceJob job)
    {
        switch (job)
        {
            case PersistenceJob.Commit commit:
                // Already committed (a retry after an ambiguous failure) is as good as committed now.
                await _store.CommitAsync(commit.Transaction, _abandoned.Token).ConfigureAwait(false);
                _committed.Enqueue(commit.Transaction.Id);
                break;
            case PersistenceJob.Progress progress:
                await _store.SaveProgressAsync(progress.Characters, _abandoned.Token).ConfigureAwait(false);
                break;
            case PersistenceJob.Character character when Owned is { } owned:
                await owned.SaveOwnedAsync(character.State, release: character.Departure, _abandoned.Token).ConfigureAwait(false);
                character.Saved?.TrySetResult();
                break;
            case PersistenceJob.Character character:
                await _store.SaveAsync(character.State, _abandoned.Token).ConfigureAwait(false);
                character.Saved?.TrySetResult();
                break;
            case PersistenceJob.Move move:
                var outcome = await Owned!.SaveAndMoveAsync(move.State, move.Ticket, DateTimeOffset.UtcNow + move.Lease, _abandoned.Token).ConfigureAwait(false);
                if (outcome == Zones.CommitOutcome.Committed)
                {
                    Owned.Fence?.Forget(move.Ticket.CharacterId);
                }
                else
                {
                    Owned.Fence?.Lost(move.Ticket.CharacterId);
                }

                _awaited.TryGetValue(move.Ticket.CharacterId, out var departed);
                departed?.TrySetResult();
                move.Done.TrySetResult(outcome);
                break;
            case PersistenceJob.Barrier barrier:
                barrier.Done.TrySetResult();
                break;
        }
    }

    /// <summary>A short, fixed name for metrics tags (descriptions would explode the tag's cardinality).</summary>
    private static string JobKind(PersistenceJob job) => job switch
    {
        PersistenceJob.Commit => "commit",
        PersistenceJob.Progress => "progress",
        PersistenceJob.Character => "character",
        PersistenceJob.Move => "move",
        _ => "barrier",
    };

    private static string JobName(PersistenceJob job) => job switch
    {
        PersistenceJob.Commit commit => $"item transaction {commit.Transaction.Id} ({commit.Transaction.Kind})",
        PersistenceJob.Progress progress => $"progress of {progress.Characters.Count} characters",
        PersistenceJob.Character character => $"character {character.State.CharacterId}",
        PersistenceJob.Move move => $"the crossing of character {move.Ticket.CharacterId} to zone {move.Ticket.ToZone}",
        _ => "barrier",
    };
}
