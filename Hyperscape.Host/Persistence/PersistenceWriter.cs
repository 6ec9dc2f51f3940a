using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// Writes to storage off the tick thread. Jobs run one at a time, in the order they were queued:
/// committing item transactions in game order keeps storage an exact prefix of the game's history.
/// A failing job is retried with a capped back-off and logged each time; it is never dropped and
/// nothing behind it overtakes it, so a slow or unavailable database delays saves, never the tick.
/// </summary>
public sealed class PersistenceWriter : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly ICharacterStore _store;
    private readonly ILogger<PersistenceWriter> _logger;
    private readonly Operations.ServerMetrics? _metrics;
    private readonly Channel<PersistenceJob> _jobs = Channel.CreateUnbounded<PersistenceJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<long> _committed = new();
    private readonly CancellationTokenSource _stopping = new();
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

    /// <summary>Waits until everything queued so far is written.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new PersistenceJob.Barrier(done));
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking jobs, finishes the ones queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Gives up on waiting: stops retrying (used only when the process must exit now).</summary>
    public void Abandon() => _stopping.Cancel();

    private async Task RunAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
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
                catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    Retries++;
                    _metrics?.RecordSaveFailure(JobKind(job));
                    _logger.LogWarning(exception, "Saving {Job} failed (attempt {Attempt}); retrying in {Delay} ms. Nothing is dropped.", JobName(job), attempt, delay.TotalMilliseconds);
                    try
                    {
                        await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        _logger.LogError("Abandoned {Job} after {Attempt} attempts because the server is exiting now.", JobName(job), attempt);
                        if (job is PersistenceJob.Character { Saved: { } saved })
                        {
                            saved.TrySetException(new InvalidOperationException($"Saving {JobName(job)} was abandoned."));
                        }

                        break;
                    }

                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
                }
            }

            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task RunJobAsync(PersistenceJob job)
    {
        switch (job)
        {
            case PersistenceJob.Commit commit:
                // Already committed (a retry after an ambiguous failure) is as good as committed now.
                await _store.CommitAsync(commit.Transaction).ConfigureAwait(false);
                _committed.Enqueue(commit.Transaction.Id);
                break;
            case PersistenceJob.Progress progress:
                await _store.SaveProgressAsync(progress.Characters).ConfigureAwait(false);
                break;
            case PersistenceJob.Character character:
                await _store.SaveAsync(character.State).ConfigureAwait(false);
                character.Saved?.TrySetResult();
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
        _ => "barrier",
    };

    private static string JobName(PersistenceJob job) => job switch
    {
        PersistenceJob.Commit commit => $"item transaction {commit.Transaction.Id} ({commit.Transaction.Kind})",
        PersistenceJob.Progress progress => $"progress of {progress.Characters.Count} characters",
        PersistenceJob.Character character => $"character {character.State.CharacterId}",
        _ => "barrier",
    };
}
