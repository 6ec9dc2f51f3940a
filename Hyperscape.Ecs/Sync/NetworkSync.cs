using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Persistence;

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
/// slow drift is sent once it adds up. Steady-state frames allocate nothing.
/// </remarks>
internal sealed class NetworkSync
{
    private readonly SyncCounters _counters = new();
    private readonly ClientDirectory _clients;
    private readonly SnapshotTable _snapshots;
    private readonly DurabilityGate _gate;
    private readonly InterestManager _interest;
    private readonly EventRouter _events;
    private readonly SyncPacketWriter _writer;
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
        _writer = new SyncPacketWriter(context, Options, _snapshots, _gate, _counters);
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

        var entity = _snapshots[id].Entity;
        foreach (var client in _clients.Order)
        {
            var slot = client.Map.Find(entity.Id);
            if (slot >= 0 && client.Slots[slot].Entity == entity && client.Slots[slot].State == SlotState.Live)
            {
                clientIds.Add(client.ClientId);
            }
        }
    }

    /// <summary>Builds and sends one frame to every client that has something to receive.</summary>
    public void BuildFrame(IPacketSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _counters.Frame++;
        if (_snapshots.Refresh(_counters.Frame, _gate))
        {
            _interest.WorldChanged(_clients.Order);
        }

        var group = _interest.NextGroup();
        _faults.Clear();
        foreach (var client in _clients.Order)
        {
            try
            {
                if (client.Group == group || client.NeedsInterest)
                {
                    client.NeedsInterest = false;
                    _interest.Update(client);
                }

                // Events first: they were routed when the tick ended, to clients that held their
                // subjects then, and this frame's despawns may remove those subjects.
                if (client.EventCount > 0)
                {
                    _writer.WriteEvents(client, sink);
                }

                if (client.HasBacklog)
                {
                    _writer.WriteSync(client, sink);
                }
            }
            catch (Exception exception)
            {
                // One client's bad state must not stop everyone's frame; the host disconnects it.
                _faults.Add(new ClientFault(client.ClientId, exception));
            }
        }

        foreach (var fault in _faults)
        {
            RemoveClient(fault.ClientId);
        }
    }
}
