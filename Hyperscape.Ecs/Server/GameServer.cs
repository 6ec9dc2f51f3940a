using System.Diagnostics;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Ecs.Server;

/// <summary>
/// The authoritative game server, without its I/O: the simulation, the network sync and the clock,
/// run frame by frame in the one order that keeps the two guarantees (nothing is shown before it
/// is durable; a player's own state is never staggered). A host brings sockets (an
/// <see cref="IPacketSink"/>), a store (an <see cref="IStorageQueue"/>) and a thread that calls
/// <see cref="RunDueFrames"/>; everything here runs on that thread.
/// </summary>
/// <remarks>
/// Each frame: take the durable confirmations → step the tick when it is due → hand the tick's
/// item transactions and departures to storage → route the tick's events → build every client's
/// packet. A frame is 1 / <see cref="SyncOptions.FramesPerSecond"/> long (50 ms) and a tick every
/// <see cref="FramesPerTick"/>-th frame (12: 600 ms).
/// </remarks>
public sealed class GameServer : IDisposable
{
    /// <summary>Frames run late, one after another, before the server gives up on sending them.</summary>
    public const int MaxCatchUpFrames = 5;

    /// <summary>Ticks stepped in one <see cref="RunDueFrames"/> call while catching up; past it, game time is lost.</summary>
    public const int MaxCatchUpTicks = 10;

    private readonly IStorageQueue? _storage;
    private readonly TimeProvider _clock;
    private readonly IGameServerObserver? _observer;
    private readonly long _frameTimestamps;
    private readonly long _saveEveryTicks;
    private readonly List<PlayerFault> _playerFaults = [];
    private readonly List<ClientFault> _clientFaults = [];
    private readonly List<CharacterProgress> _progress = [];
    private long _frame;
    private long _nextFrameAt;
    private long _framesSkipped;
    private long _ticksLost;

    /// <summary>Builds the world and its sync; the first frame is due at once.</summary>
    public GameServer(GameServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Simulation);
        ArgumentNullException.ThrowIfNull(options.Sync);
        _storage = options.Storage;
        _clock = options.Clock ?? throw new ArgumentException("A clock is required.", nameof(options));
        _observer = options.Observer;
        var durable = _storage is not null;
        Simulation = new Simulation(options.Simulation with { RecordItemTransactions = durable });
        Sync = new NetworkSync(Simulation, options.Sync with { HoldItemChangesUntilConfirmed = durable });

        FrameInterval = options.Sync.FrameInterval;
        var framesPerTick = Simulation.TickLength / FrameInterval;
        if (framesPerTick < 1 || Math.Abs(framesPerTick - Math.Round(framesPerTick)) > 1e-9)
        {
            throw new ArgumentException($"A tick ({Simulation.TickLength.TotalMilliseconds} ms) must last a whole number of frames ({FrameInterval.TotalMilliseconds} ms).", nameof(options));
        }

        FramesPerTick = (int)Math.Round(framesPerTick);
        _saveEveryTicks = Math.Max(1, (long)Math.Round(options.SaveInterval / Simulation.TickLength));
        _frameTimestamps = Math.Max(1, (long)Math.Round(FrameInterval.TotalSeconds * _clock.TimestampFrequency));
        _nextFrameAt = _clock.GetTimestamp();
    }

    /// <summary>The simulation: join, leave and enqueue players' actions here (from any thread); read it on the game thread.</summary>
    public Simulation Simulation { get; }

    /// <summary>The length of a frame.</summary>
    public TimeSpan FrameInterval { get; }

    /// <summary>Frames in a tick.</summary>
    public int FramesPerTick { get; }

    /// <summary>Frames run so far.</summary>
    public long Frame => _frame;

    /// <summary>Frames whose packets were never built because the server was too far behind (each skip is a hitch clients see).</summary>
    public long FramesSkipped => _framesSkipped;

    /// <summary>Ticks that never ran because the server was too far behind even to step them: game time lost.</summary>
    public long TicksLost => _ticksLost;

    /// <summary>How long until the next frame is due (zero or less: due now).</summary>
    public TimeSpan UntilNextFrame => TimeSpan.FromSeconds((double)(_nextFrameAt - _clock.GetTimestamp()) / _clock.TimestampFrequency);

    /// <summary>Connected clients.</summary>
    public int Clients => Sync.ClientCount;

    /// <summary>The sync's running totals: packets, bytes, entries sent and deferred, events dropped, views capped.</summary>
    public SyncStatistics SyncStatistics => Sync.Statistics;

    /// <summary>Item transactions handed to storage and not yet confirmed durable.</summary>
    public int UnconfirmedTransactions => Sync.UnconfirmedTransactions;

    /// <summary>Players whose action threw during the last <see cref="RunDueFrames"/> or <see cref="RunFrame"/>: take them out of the world.</summary>
    public IReadOnlyList<PlayerFault> PlayerFaults => _playerFaults;

    /// <summary>Clients whose packets could not be built during the last call: they are no longer synced; disconnect them.</summary>
    public IReadOnlyList<ClientFault> ClientFaults => _clientFaults;

    internal NetworkSync Sync { get; }

    /// <summary>Starts syncing a client whose player has <paramref name="playerNetworkId"/>; a client already synced starts over with a full resync.</summary>
    public void Connect(long clientId, long playerNetworkId)
    {
        Sync.RemoveClient(clientId);
        Sync.AddClient(clientId, playerNetworkId);
    }

    /// <summary>Stops syncing a client; false when it was not synced.</summary>
    public bool Disconnect(long clientId) => Sync.RemoveClient(clientId);

    /// <summary>Adds the ids of the clients that currently see <paramref name="networkId"/> (public chat goes to them).</summary>
    public void CollectClientsSeeing(long networkId, List<long> clientIds) => Sync.CollectClientsSeeing(networkId, clientIds);

    /// <summary>Disposes the simulation (its world's memory goes back to the pool); call it once frames have stopped.</summary>
    public void Dispose() => Simulation.Dispose();

    /// <summary>
    /// Runs every frame that is due by the clock and returns how many. A frame up to
    /// <see cref="MaxCatchUpFrames"/> late is run at once to catch up; frames later than that are
    /// skipped (their packets are never built) but their ticks still run, up to
    /// <see cref="MaxCatchUpTicks"/> a call, so the tick count keeps following the clock.
    /// </summary>
    public int RunDueFrames(IPacketSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _playerFaults.Clear();
        _clientFaults.Clear();
        var now = _clock.GetTimestamp();
        var ran = 0;
        var ticks = 0;
        while (now >= _nextFrameAt)
        {
            var behind = (now - _nextFrameAt) / _frameTimestamps;
            if (behind > MaxCatchUpFrames)
            {
                for (var skipped = behind - MaxCatchUpFrames; skipped > 0; skipped--)
                {
                    if (_frame % FramesPerTick == 0)
                    {
                        if (ticks++ < MaxCatchUpTicks)
                        {
                            TakeConfirmations();
                            StepTick();
                        }
                        else
                        {
                            _ticksLost++;
                        }
                    }

                    _frame++;
                    _framesSkipped++;
                    _nextFrameAt += _frameTimestamps;
                }
            }

            if (_frame % FramesPerTick == 0)
            {
                ticks++;
            }

            RunFrameCore(sink);
            _nextFrameAt += _frameTimestamps;
            ran++;
        }

        return ran;
    }

    /// <summary>Runs one frame now, whatever the clock says (tests, benchmarks, a lockstep host).</summary>
    public void RunFrame(IPacketSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _playerFaults.Clear();
        _clientFaults.Clear();
        RunFrameCore(sink);
    }

    /// <summary>The durable confirmations storage has reported, released to the clients.</summary>
    internal void TakeConfirmations()
    {
        if (_storage is null)
        {
            return;
        }

        while (_storage.TryTakeCommitted(out var transaction))
        {
            Sync.Confirm(transaction);
        }
    }

    /// <summary>Steps the simulation one tick and hands out what it produced: storage first, then the clients' events.</summary>
    internal void StepTick()
    {
        var started = Stopwatch.GetTimestamp();
        Simulation.Step();
        _observer?.TickComputed(Stopwatch.GetElapsedTime(started), Simulation.PhaseNames, Simulation.LastPhaseDurations);
        var transactions = Simulation.ItemTransactions;
        if (_storage is not null)
        {
            for (var i = 0; i < transactions.Count; i++)
            {
                _storage.Commit(transactions[i]);
            }

            var departed = Simulation.Departed;
            for (var i = 0; i < departed.Count; i++)
            {
                _storage.Save(departed[i]);
            }

            if (Simulation.Tick % _saveEveryTicks == 0)
            {
                _progress.Clear();
                Simulation.CaptureProgress(_progress);
                if (_progress.Count > 0)
                {
                    _storage.SaveProgress(_progress.ToArray());
                }

                // Held here until the next save, thousands of records would outlive two collections
                // and be promoted into the oldest generation, only to die there: the storage queue
                // keeps them for as long as the write takes, which is usually no collection at all.
                _progress.Clear();
            }
        }

        // Handed to storage before the clients hear of them: the sync holds them until confirmed.
        Sync.QueueEvents(Simulation.Events, transactions);
        _playerFaults.AddRange(Simulation.Faults);
    }

    /// <summary>Builds and sends every client's packets for this frame.</summary>
    internal void BuildPackets(IPacketSink sink)
    {
        var started = Stopwatch.GetTimestamp();
        Sync.BuildFrame(sink);
        _observer?.FrameBuilt(Stopwatch.GetElapsedTime(started));
        _clientFaults.AddRange(Sync.Faults);
    }

    private void RunFrameCore(IPacketSink sink)
    {
        TakeConfirmations();
        if (_frame % FramesPerTick == 0)
        {
            StepTick();
        }

        BuildPackets(sink);
        _frame++;
    }
}
