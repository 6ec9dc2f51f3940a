using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Threading;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The network sync, on the game thread: <see cref="QueueEvents"/> after each tick and
/// <see cref="BuildFrame"/> every frame (the <see cref="Server.GameServer"/> calls both). Each
/// client gets only what changed, only for what it can see, in packets of at most
/// <see cref="SyncOptions.MaxPacketSize"/> bytes; what does not fit waits, by priority, and a later
/// frame carries the latest value. Its jobs live in their own types: change detection
/// (<see cref="SnapshotTable"/>), interest (<see cref="InterestManager"/>), event routing
/// (<see cref="EventRouter"/>), packet writing (<see cref="SyncPacketWriter"/>), and holding back
/// what storage has not confirmed (<see cref="DurabilityGate"/>).
/// </summary>
/// <remarks>
/// Thresholds compare against what each client was last sent, never against the previous tick, so
/// slow drift is sent once it adds up. Steady-state frames allocate nothing. A frame's per-client
/// work (interest, events, sync packet) touches only that client, so clients are split among
/// <see cref="SyncOptions.Parallelism"/> threads, each with its own <see cref="SyncWorker"/>;
/// everything shared (change detection, interest groups, totals, faults) happens before or after,
/// on the game thread. The packets do not depend on the number of threads.
/// </remarks>
internal sealed class NetworkSync
{
    // Clients taken at a time by a frame-building thread: enough to make the hand-out cheap, few
    // enough that threads finish together.
    private const int ClientsPerRange = 16;

    private readonly SyncCounters _counters = new();
    private readonly ClientDirectory _clients;
    private readonly SnapshotTable _snapshots;
    private readonly DurabilityGate _gate;
    private readonly InterestManager _interest;
    private readonly EventRouter _events;
    private readonly SyncWorker[] _workers;
    private readonly List<ClientFault> _faults = [];

    /// <summary>Creates the sync over a simulation's world.</summary>
    public NetworkSync(Simulation simulation, SyncOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        Options = options ?? SyncOptions.Default;
        Options.Validate();
        var context = simulation.Context;
        _clients = new ClientDirectory(context, Options);
        _snapshots = new SnapshotTable(context, Options);
        _gate = new DurabilityGate(_snapshots, _clients, _counters, Options.HoldItemChangesUntilConfirmed);
        _interest = new InterestManager(context, Options, _snapshots, _gate, _counters);
        _events = new EventRouter(_clients, _snapshots, _gate, Options, _counters);
        _workers = new SyncWorker[Options.Parallelism];
        for (var i = 0; i < _workers.Length; i++)
        {
            var tally = new SyncCounters();
            _workers[i] = new SyncWorker(new SyncPacketWriter(context, Options, _snapshots, _gate, tally), tally);
        }
    }

    /// <summary>The options in force.</summary>
    public SyncOptions Options { get; }

    /// <summary>Connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Frames built so far.</summary>
    public uint Frame => _counters.Frame;

    /// <summary>Running totals.</summary>
    public SyncStatistics Statistics => _counters.ToStatistics();

    /// <summary>Item transactions still waiting for <see cref="Confirm"/>.</summary>
    public int UnconfirmedTransactions => _gate.Unconfirmed;

    /// <summary>
    /// Clients whose packets could not be built in the last <see cref="BuildFrame"/> (an exception,
    /// a bug): each is no longer synced, and the others were not affected.
    /// </summary>
    public IReadOnlyList<ClientFault> Faults => _faults;

    /// <summary>Starts syncing a client whose player has network id <paramref name="playerNetworkId"/>.</summary>
    public void AddClient(long clientId, long playerNetworkId) => _clients.Add(clientId, playerNetworkId);

    /// <summary>Stops syncing a client and frees everything kept for it.</summary>
    public bool RemoveClient(long clientId) => _clients.Remove(clientId);

    /// <summary>
    /// Takes a tick's results: its item transactions are held back from every client until
    /// <see cref="Confirm"/> (when holding is on), and its events are routed into the clients'
    /// queues. They go out with the next <see cref="BuildFrame"/>.
    /// </summary>
    public void QueueEvents(ReadOnlySpan<GameEvent> events, IReadOnlyList<ItemTransaction>? transactions = null)
    {
        if (transactions is not null)
        {
            for (var t = 0; t < transactions.Count; t++)
            {
                _gate.Hold(transactions[t]);
            }
        }

        _events.Route(events);
    }

    /// <summary>Storage committed a transaction: what it did is shown from the next frame. Unknown ids are ignored.</summary>
    public void Confirm(long transactionId) => _gate.Confirm(transactionId);

    /// <summary>Adds the ids of clients that currently see <paramref name="networkId"/> (public chat goes to them).</summary>
    public void CollectClientsSeeing(long networkId, List<long> clientIds)
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        if (!_snapshots.TryFind(networkId, out var id))
        {
            return;
        }

        var audience = new AudienceVisitor { Speaker = _snapshots[id].Entity, ClientIds = clientIds };
        _clients.VisitViewers(id, ref audience);
    }

    /// <summary>Builds and sends one frame to every client that has something to receive.</summary>
    public void BuildFrame(IPacketSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var frame = ++_counters.Frame;
        var worldChanged = _snapshots.Refresh(frame, _gate);
        _clients.EnsureEntities(_snapshots.Capacity);
        if (worldChanged)
        {
            _interest.WorldChanged();
        }

        var group = _interest.NextGroup();
        foreach (var worker in _workers)
        {
            worker.Tally.Frame = frame;
        }

        ParallelLoop.Run(new SyncFrameBody(this, group, worldChanged, sink), _clients.Order.Count, ClientsPerRange, Options.Parallelism);

        _clients.Revealed.Clear();
        _faults.Clear();
        foreach (var worker in _workers)
        {
            worker.Tally.DrainInto(_counters);
            _faults.AddRange(worker.Faults);
            worker.Faults.Clear();
        }

        foreach (var fault in _faults)
        {
            RemoveClient(fault.ClientId);
        }
    }

    /// <summary>The per-client part of a frame for clients <paramref name="start"/> .. <paramref name="end"/>-1, on one thread.</summary>
    internal void BuildClients(int start, int end, int worker, int group, bool worldChanged, IPacketSink sink)
    {
        var scratch = _workers[worker];
        var clients = _clients.Order;
        for (var i = start; i < end; i++)
        {
            var client = clients[i];
            try
            {
                if (worldChanged)
                {
                    _interest.RefreshSelf(client, scratch.Tally);
                }

                var groupPass = client.Group == group;
                if (groupPass || client.NeedsInterest)
                {
                    var settling = client.Settling && !groupPass;
                    client.NeedsInterest = false;
                    client.Settling = false;
                    if (settling)
                    {
                        _interest.Settle(client, scratch.Tally);
                    }
                    else
                    {
                        _interest.Update(client, scratch.Tally);
                    }
                }
                else if (_clients.Revealed.Count > 0)
                {
                    _interest.SeeRevealed(client, _clients.Revealed, scratch.Tally);
                }

                // Events first: they were routed when the tick ended, to clients that held their
                // subjects then, and this frame's despawns may remove those subjects.
                if (client.EventCount > 0)
                {
                    scratch.Writer.WriteEvents(client, sink);
                }

                if (client.HasBacklog)
                {
                    scratch.Writer.WriteSync(client, sink);
                }
            }
            catch (Exception exception)
            {
                // One client's bad state must not stop everyone's frame; the host disconnects it.
                scratch.Faults.Add(new ClientFault(client.ClientId, exception));
            }
        }
    }
}
