using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Hosting;
using Hyperscape.Host.Networking;
using Hyperscape.Host.Operations;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Options;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// The one thread that owns the world. Every 50 ms it runs a sync frame; every 12th frame it first
/// steps the 600 ms tick. Sessions (on I/O threads) enqueue actions directly and post everything
/// else here, so the simulation and the sync are only ever touched by this thread. Item
/// transactions go to the persistence writer as they happen and are shown to clients once
/// committed. A fault in one player's work disconnects that player; any other fault stops the
/// server after saving everyone. On shutdown every character is saved within the shutdown
/// timeout, and each socket is closed with a status that says whether its character was.
/// </summary>
public sealed class GameLoop : IHostedService, IPacketSink, IDisposable
{
    private const int FramesPerTick = 12;

    /// <summary>Close status: the server is shutting down and this character is saved.</summary>
    public const int ClosedSaved = 1001;

    /// <summary>Close status: a server error ended this session; its character leaves the world and is saved.</summary>
    public const int ClosedServerError = 1011;

    /// <summary>Close status: the server is shutting down and could not save this character in time.</summary>
    public const int ClosedNotSaved = 4001;

    private readonly ServerOptions _options;
    private readonly ICharacterStore _characters;
    private readonly PersistenceWriter _writer;
    private readonly ConnectionAdmission _admission;
    private readonly ShutdownOutcome _outcome;
    private readonly ILogger<GameLoop> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ConcurrentQueue<(Action Command, GameSession? Scope)> _commands = new();
    private readonly ConcurrentDictionary<long, GameSession> _connected = new();
    private readonly Dictionary<long, GameSession> _sessions = [];
    private long _sendQueueBytes;
    private int _largestSendQueue;
    private readonly Dictionary<long, PlayerPresence> _byCharacter = [];
    private readonly Dictionary<long, PlayerPresence> _byNetworkId = [];
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _leaving = new();
    private readonly Dictionary<string, PlayerPresence> _byResumeToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlayerPresence> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<long> _audience = [];
    private readonly List<CharacterProgress> _progress = [];
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile bool _commandsClosed;
    private long _shutdownDeadline = long.MaxValue;
    private long _nextClientId;
    private long _lastFrameTimestamp = Stopwatch.GetTimestamp();
    private DateTimeOffset _nextSave;
    private Ecs.Store.Query? _npcQuery;
    private int _npcs;

    /// <summary>Creates the loop; the world is built in <see cref="StartAsync"/>.</summary>
    public GameLoop(
        IOptions<ServerOptions> options,
        ICharacterStore characters,
        PersistenceWriter writer,
        ServerMetrics metrics,
        ConnectionAdmission admission,
        ShutdownOutcome outcome,
        ILogger<GameLoop> logger,
        IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _characters = characters;
        _writer = writer;
        Metrics = metrics;
        _admission = admission;
        _outcome = outcome;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>The simulation (touch only from the loop thread, or before it starts).</summary>
    public Simulation Simulation { get; private set; } = null!;

    /// <summary>The network sync (loop thread only).</summary>
    public NetworkSync Sync { get; private set; } = null!;

    /// <summary>The metrics.</summary>
    public ServerMetrics Metrics { get; }

    /// <summary>Players in the world, including dropped ones in their grace period.</summary>
    public int Online => Simulation?.OnlineCount ?? 0;

    /// <summary>Ticks computed.</summary>
    public long Tick => Simulation?.Tick ?? 0;

    /// <summary>Game connections open now.</summary>
    public int Connections => _connected.Count;

    /// <summary>Time since the loop last finished a frame: it should stay near 50 ms.</summary>
    public TimeSpan SinceLastFrame => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFrameTimestamp));

    /// <summary>Entities in the world (approximate when read off the loop thread).</summary>
    public int Entities => Simulation?.World.Count ?? 0;

    /// <summary>True once shutdown began: new players are refused.</summary>
    public bool Stopping => _stopping;

    /// <summary>A new client id for a connection.</summary>
    public long NewClientId() => Interlocked.Increment(ref _nextClientId);

    /// <summary>A snapshot for <c>/stats</c>.</summary>
    public ServerStats Stats()
    {
        using var process = Process.GetCurrentProcess();
        return new ServerStats(
            Tick, Online, Connections, Entities,
            Metrics.Ticks.Percentile(50), Metrics.Ticks.Percentile(99),
            Metrics.Frames.Percentile(50), Metrics.Frames.Percentile(99),
            Metrics.BytesIn, Metrics.BytesOut, Metrics.Rejected, Metrics.Dropped,
            Volatile.Read(ref _sendQueueBytes), Volatile.Read(ref _largestSendQueue),
            _writer.Pending, GC.GetTotalMemory(false), process.WorkingSet64)
        {
            ConnectionsRefused = _admission.Refused,
            ConnectionsBeforeHello = _admission.BeforeHello,
            ConnectionsEvicted = _admission.Evicted,
            Npcs = Volatile.Read(ref _npcs),
        };
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var maxId = await _characters.MaxStoredIdAsync(cancellationToken).ConfigureAwait(false);
        var ground = await _characters.LoadGroundItemsAsync(cancellationToken).ConfigureAwait(false);
        var world = SimulationOptions.CreateDefault(_options.World.Seed);
        List<NpcSpawnPoint> spawns = [.. _options.World.SpawnNpcs ? world.NpcSpawns : [], .. ScatteredNpcs(world, _options.World)];
        Simulation = new Simulation(world with
        {
            FirstId = maxId + 1,
            RecordItemTransactions = true,
            NpcSpawns = spawns,
            GroundItems = _options.World.SpawnGroundItems ? world.GroundItems : [],
        });
        Simulation.RestoreGroundItems(ground);
        Sync = new NetworkSync(Simulation, new SyncOptions { HoldItemChangesUntilConfirmed = true });
        _npcQuery = Simulation.World.Query(new Ecs.Store.QueryDescription().WithAll<Ecs.Game.Components.Npc>());
        _nextSave = DateTimeOffset.UtcNow + _options.SaveInterval;
        _logger.LogInformation("World ready: {Npcs} NPC spawns, {Ground} stored ground items restored, ids from {FirstId}", spawns.Count, ground.Count, maxId + 1);

        // ApplicationStopping fires before Kestrel waits for open requests; the game sockets are
        // open requests, so they must be saved and closed first or shutdown would stall.
        _lifetime.ApplicationStopping.Register(BeginStopping);
        _thread = new Thread(Run) { IsBackground = true, Name = "game-loop" };
        _thread.Start();
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BeginStopping();
        try
        {
            await _finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogError("The host's shutdown timeout ended before the game loop finished saving");
            _outcome.Record(ShutdownOutcome.CharactersNotSaved);
            _writer.Abandon();
        }
    }

    /// <summary>Runs a connection's session, known to the loop for its whole life (shutdown closes every one).</summary>
    internal async Task RunSessionAsync(GameSession session, CancellationToken aborted)
    {
        _connected[session.ClientId] = session;
        try
        {
            if (_stopping)
            {
                session.Close(ClosedSaved, "The server is shutting down.");
            }

            await session.RunAsync(aborted).ConfigureAwait(false);
        }
        finally
        {
            _connected.TryRemove(session.ClientId, out _);
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> on the loop thread at the start of the next frame. A command
    /// with a <paramref name="scope"/> that throws disconnects that session's player; one without
    /// is the server's own work, and its failure stops the server.
    /// </summary>
    public void Post(Action command, GameSession? scope = null) => _commands.Enqueue((command, scope));

    /// <summary>Runs <paramref name="command"/> on the loop thread and returns its result (cancelled once the loop has stopped).</summary>
    public Task<T> PostAsync<T>(Func<T> command)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.TrySetResult(command());
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        });

        // The loop drains its queue one last time after closing it; anything posted later would
        // wait forever, so it is cancelled here instead.
        if (_commandsClosed)
        {
            done.TrySetCanceled();
        }

        return done.Task;
    }

    /// <summary>
    /// Puts a loaded character in the world for a session, or hands the session a character that
    /// is already there (a second login takes over: the old socket is closed with 4000). The
    /// session is sent EnteredWorld before its first sync frame. Returns the network id, or null
    /// when the server is shutting down.
    /// </summary>
    public Task<long?> EnterWorldAsync(GameSession session, StoredCharacter character, SocialRelations relations) =>
        PostAsync<long?>(() =>
        {
            if (_stopping)
            {
                return null;
            }

            if (_byCharacter.TryGetValue(character.Id, out var existing))
            {
                existing.Relations = relations;
                TakeOver(existing, session);
                return existing.NetworkId;
            }

            var networkId = Simulation.Join(character.State, character.Kills);
            var presence = new PlayerPresence(character.Id, character.AccountId, networkId, character.State.Name, NewResumeToken()) { Relations = relations };
            _byCharacter[character.Id] = presence;
            _byNetworkId[networkId] = presence;
            _byResumeToken[presence.ResumeToken] = presence;
            _byName[presence.Name] = presence;
            TakeOver(presence, session);
            _logger.LogInformation("{Name} (character {Character}, account {Account}) entered the world from {Address}",
                presence.Name, presence.CharacterId, presence.AccountId, session.RemoteAddress);
            AnnounceStatus(presence, online: true);
            return networkId;
        });

    /// <summary>Looks up the character a resume token continues; null when the token is unknown or expired.</summary>
    public Task<(long CharacterId, long AccountId)?> FindResumableAsync(string resumeToken) =>
        PostAsync<(long, long)?>(() =>
            !_stopping && _byResumeToken.TryGetValue(resumeToken, out var presence) ? (presence.CharacterId, presence.AccountId) : null);

    /// <summary>
    /// Continues a dropped (or still connected) character with a new connection, after the caller
    /// checked it may; the old connection, if any, is closed with 4000. Returns the network id, or
    /// null when the character left the world meanwhile.
    /// </summary>
    public Task<long?> ResumeAsync(GameSession session, string resumeToken) =>
        PostAsync<long?>(() =>
        {
            if (_stopping || !_byResumeToken.TryGetValue(resumeToken, out var presence))
            {
                return null;
            }

            TakeOver(presence, session);
            _logger.LogInformation("{Name} (character {Character}) resumed from {Address}", presence.Name, presence.CharacterId, session.RemoteAddress);
            return presence.NetworkId;
        });

    /// <summary>
    /// A session's socket closed: the character is saved whole now and stays in the world for the
    /// grace period, resumable with its token.
    /// </summary>
    public void Disconnected(GameSession session) => Post(() =>
    {
        Detach(session);
        if (!_byCharacter.TryGetValue(session.CharacterId, out var presence) || presence.Session != session)
        {
            return;
        }

        presence.Session = null;
        presence.GraceUntil = DateTimeOffset.UtcNow + _options.ReconnectGrace;
        _logger.LogInformation("{Name} (character {Character}) disconnected; staying in the world for {Grace} s",
            presence.Name, presence.CharacterId, _options.ReconnectGrace.TotalSeconds);
        if (Simulation.TryCapture(presence.NetworkId, out var state))
        {
            _writer.Enqueue(new PersistenceJob.Character(state!));
        }
    });

    /// <summary>
    /// Completes once a character that left the world is durably saved (at once when it is not
    /// leaving): loading it before then would read the state from before its last session.
    /// </summary>
    public Task WhenSavedAsync(long characterId) =>
        _leaving.TryGetValue(characterId, out var saved) ? saved.Task : Task.CompletedTask;

    /// <summary>True when a character of that name is in the world with a connection (loop thread only).</summary>
    internal bool IsOnline(string name) => _byName.TryGetValue(name, out var presence) && presence.Session is not null;

    /// <summary>Public chat to everyone who sees the speaker; private chat to any online player who does not ignore the speaker.</summary>
    public void Chat(GameSession speakerSession, ChatChannel channel, string? recipient, string text) => Post(() =>
    {
        if (!_byNetworkId.TryGetValue(speakerSession.NetworkId, out var speaker))
        {
            return;
        }

        var buffer = new FixedBufferWriter(WireProtocol.MaxPacketSize * 2);
        if (channel == ChatChannel.Public)
        {
            ServerMessages.Chat(buffer, ChatChannel.Public, speaker.NetworkId, speaker.Name, text);
            _audience.Clear();
            Sync.CollectClientsSeeing(speaker.NetworkId, _audience);
            if (speaker.Session is { } own && !_audience.Contains(own.ClientId))
            {
                _audience.Add(own.ClientId);
            }

            foreach (var clientId in _audience)
            {
                if (_sessions.TryGetValue(clientId, out var listener))
                {
                    listener.Send(buffer.WrittenSpan);
                }
            }

            return;
        }

        // Ignored senders are told the same as for someone offline: ignoring is not revealed.
        if (recipient is null || !_byName.TryGetValue(recipient, out var target) || target.Session is null
            || !SocialRules.CanDeliverPrivate(target.Relations, speaker.CharacterId))
        {
            ServerMessages.Chat(buffer, ChatChannel.System, 0, "Server", $"{recipient} is not online.");
            speaker.Session?.Send(buffer.WrittenSpan);
            return;
        }

        ServerMessages.Chat(buffer, ChatChannel.Private, speaker.NetworkId, speaker.Name, text);
        target.Session.Send(buffer.WrittenSpan);
        speaker.Session?.Send(buffer.WrittenSpan);
    }, speakerSession);

    /// <summary>
    /// A social list changed: refreshes the cached lists of the character (and of the other one,
    /// when their friendship began or ended), confirms the operation to the session with the other
    /// character's online state as a friend list shows it, and tells the other character, when
    /// online and not ignoring, of a request or of a new friend.
    /// </summary>
    public void SocialChanged(GameSession session, SocialOperation operation, SocialOutcome outcome, string name, SocialRelations relations, SocialRelations? theirs) => Post(() =>
    {
        if (!_byCharacter.TryGetValue(session.CharacterId, out var presence))
        {
            return;
        }

        presence.Relations = relations;
        var target = _byName.GetValueOrDefault(name);
        if (target is not null && theirs is not null)
        {
            target.Relations = theirs;
        }

        // Online state is shared between friends only; a pending request shows offline.
        var friends = relations.Friends.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        var buffer = new FixedBufferWriter(256);
        ServerMessages.Social(buffer, operation, name, friends && target?.Session is not null);
        session.Send(buffer.WrittenSpan);
        if (target?.Session is not { } theirSession || !SocialRules.CanDeliverPrivate(target.Relations, presence.CharacterId))
        {
            return;
        }

        buffer.Reset();
        switch (outcome)
        {
            case SocialOutcome.RequestSent:
                ServerMessages.Social(buffer, SocialOperation.FriendRequest, presence.Name, online: true);
                theirSession.Send(buffer.WrittenSpan);
                break;
            case SocialOutcome.FriendAdded:
                ServerMessages.Social(buffer, SocialOperation.FriendStatus, presence.Name, online: true);
                theirSession.Send(buffer.WrittenSpan);
                break;
        }
    }, session);

    /// <inheritdoc />
    public void Send(long clientId, ReadOnlySpan<byte> packet)
    {
        if (_sessions.TryGetValue(clientId, out var session))
        {
            session.Send(packet);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Metrics.Dispose();

    private void BeginStopping()
    {
        if (_stopping)
        {
            return;
        }

        Interlocked.Exchange(ref _shutdownDeadline, Stopwatch.GetTimestamp() + (long)(_options.ShutdownTimeout.TotalSeconds * Stopwatch.Frequency));
        _stopping = true;
        if (_thread is null)
        {
            _finished.TrySetResult();
        }
    }

    private void Run()
    {
        var frameTicks = (long)(_options.FrameInterval.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp();
        long frame = 0;
        try
        {
            while (!_stopping)
            {
                var wait = next - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }

                next += frameTicks;
                if (Stopwatch.GetTimestamp() - next > 5 * frameTicks)
                {
                    _logger.LogWarning("The game loop fell behind by more than 5 frames; skipping ahead");
                    next = Stopwatch.GetTimestamp();
                }

                RunFrame(frame++);
                Interlocked.Exchange(ref _lastFrameTimestamp, Stopwatch.GetTimestamp());
            }
        }
        catch (Exception exception)
        {
            // Outside any one player's work: the world may be inconsistent, so it must not go on.
            _logger.LogCritical(exception, "The game loop failed outside any player's action; saving everyone and stopping the server");
            _outcome.Record(ShutdownOutcome.GameLoopFailed);
            BeginStopping();
            _lifetime.StopApplication();
        }

        _ = Task.Run(ShutdownAsync);
    }

    private void RunFrame(long frame)
    {
        RunCommands();
        if (frame % FramesPerTick == 0)
        {
            RunTick();
        }

        while (_writer.TryTakeCommitted(out var transaction))
        {
            Sync.Confirm(transaction);
        }

        var started = Stopwatch.GetTimestamp();
        Sync.BuildFrame(this);
        Metrics.RecordFrame(Stopwatch.GetElapsedTime(started));
        foreach (var fault in Sync.Faults)
        {
            if (_sessions.TryGetValue(fault.ClientId, out var session))
            {
                FaultPlayer(session.NetworkId, session, "building its sync frame", fault.Exception);
            }
        }

        long queued = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var session in _sessions.Values)
        {
            var bytes = session.Outgoing.QueuedBytes;
            queued += bytes;
            if (bytes > _largestSendQueue)
            {
                Volatile.Write(ref _largestSendQueue, bytes);
            }

            if (session.Outgoing.Stalled && session.Outgoing.TryClearStall())
            {
                // The client missed sync packets: start it over from a full view of the newest state.
                Sync.RemoveClient(session.ClientId);
                Sync.AddClient(session.ClientId, session.NetworkId);
            }
        }

        Volatile.Write(ref _sendQueueBytes, queued);
        if (frame % 4 == 0)
        {
            CloseStalled(now);
        }

        if (now >= _nextSave)
        {
            _nextSave = now + _options.SaveInterval;
            _progress.Clear();
            Simulation.CaptureProgress(_progress);
            if (_progress.Count > 0)
            {
                _writer.Enqueue(new PersistenceJob.Progress(_progress.ToArray()));
            }
        }

        if (frame % 20 == 0)
        {
            ExpireGrace(now);
        }
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var posted))
        {
            try
            {
                posted.Command();
            }
            catch (Exception exception) when (posted.Scope is { } scope)
            {
                FaultPlayer(scope.NetworkId, scope, "handling its request", exception);
            }
        }
    }

    private void RunTick()
    {
        var started = Stopwatch.GetTimestamp();
        Simulation.Step();
        Metrics.RecordTick(Stopwatch.GetElapsedTime(started), Simulation.PhaseNames, Simulation.LastPhaseDurations);
        Volatile.Write(ref _npcs, _npcQuery!.Count());
        foreach (var transaction in Simulation.ItemTransactions)
        {
            _writer.Enqueue(new PersistenceJob.Commit(transaction));
        }

        foreach (var departed in Simulation.Departed)
        {
            var saved = _leaving.GetValueOrDefault(departed.CharacterId);
            if (saved is not null)
            {
                var entry = KeyValuePair.Create(departed.CharacterId, saved);
                _ = saved.Task.ContinueWith(_ => _leaving.TryRemove(entry), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            _writer.Enqueue(new PersistenceJob.Character(departed, saved));
        }

        Sync.QueueEvents(Simulation.Events, Simulation.ItemTransactions);
        foreach (var fault in Simulation.Faults)
        {
            var session = _byNetworkId.TryGetValue(fault.PlayerId, out var presence) ? presence.Session : null;
            FaultPlayer(fault.PlayerId, session, $"applying its {fault.Action.Kind} action", fault.Exception);
        }
    }

    /// <summary>
    /// A fault in one player's work: log it with the player and what was being done, take the
    /// player out of the world (the departure saves it), and close its connection with 1011.
    /// </summary>
    private void FaultPlayer(long networkId, GameSession? session, string doing, Exception exception)
    {
        var presence = _byNetworkId.GetValueOrDefault(networkId);
        _logger.LogError(exception, "A server error while {Doing} for {Name} (character {Character}, client {Client}); disconnecting that player",
            doing, presence?.Name ?? "a player", presence?.CharacterId ?? 0, session?.ClientId ?? 0);
        if (session is not null)
        {
            Detach(session);
            session.Close(ClosedServerError, "A server error ended your session; your character is being saved. Log in again.");
        }

        if (presence is not null)
        {
            RemoveFromWorld(presence);
        }
    }

    private void CloseStalled(DateTimeOffset now)
    {
        foreach (var session in _sessions.Values)
        {
            var stalledFor = session.StalledFor(now);
            if (stalledFor > _options.Limits.StallTimeout)
            {
                _logger.LogWarning("Client {Client} ({Address}, character {Character}) has not read for {Seconds:F0} s; closing it",
                    session.ClientId, session.RemoteAddress, session.CharacterId, stalledFor.TotalSeconds);
                session.Close(1008, "Too slow to keep up.");
            }
        }
    }

    private void TakeOver(PlayerPresence presence, GameSession session)
    {
        if (presence.Session is { } previous && previous != session)
        {
            Detach(previous);
            previous.Close(4000, "Logged in from another connection.");
        }

        presence.Session = session;
        presence.GraceUntil = DateTimeOffset.MaxValue;
        _sessions[session.ClientId] = session;

        // EnteredWorld goes out before the client is added to the sync, so it precedes every frame.
        var buffer = new FixedBufferWriter(256);
        ServerMessages.EnteredWorld(buffer, presence.NetworkId, Simulation.Tick, presence.ResumeToken);
        session.EnteredWorld(presence.NetworkId, presence.CharacterId, presence.Name, buffer.WrittenSpan);
        Sync.RemoveClient(session.ClientId);
        Sync.AddClient(session.ClientId, presence.NetworkId);
    }

    private void Detach(GameSession session)
    {
        _sessions.Remove(session.ClientId);
        Sync.RemoveClient(session.ClientId);
    }

    private void ExpireGrace(DateTimeOffset now)
    {
        List<PlayerPresence>? expired = null;
        foreach (var presence in _byCharacter.Values)
        {
            if (presence.Session is null && now >= presence.GraceUntil)
            {
                (expired ??= []).Add(presence);
            }
        }

        foreach (var presence in expired ?? [])
        {
            RemoveFromWorld(presence);
        }
    }

    /// <summary>Takes a character out of the world at the next tick; its departure is saved, and loading it waits for that.</summary>
    private void RemoveFromWorld(PlayerPresence presence)
    {
        if (!_byCharacter.Remove(presence.CharacterId))
        {
            return;
        }

        Simulation.Leave(presence.NetworkId);
        _leaving[presence.CharacterId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _byNetworkId.Remove(presence.NetworkId);
        _byResumeToken.Remove(presence.ResumeToken);
        _byName.Remove(presence.Name);
        if (presence.Session is { } session)
        {
            Detach(session);
        }

        _logger.LogInformation("{Name} (character {Character}, account {Account}) left the world", presence.Name, presence.CharacterId, presence.AccountId);
        AnnounceStatus(presence, online: false);
    }

    private void AnnounceStatus(PlayerPresence subject, bool online)
    {
        var buffer = new FixedBufferWriter(256);
        foreach (var friend in subject.Relations.Friends)
        {
            if (_byCharacter.TryGetValue(friend.Id, out var other) && other.Session is { } session)
            {
                buffer.Reset();
                ServerMessages.Social(buffer, SocialOperation.FriendStatus, subject.Name, online);
                session.Send(buffer.WrittenSpan);
                if (online && subject.Session is { } own)
                {
                    buffer.Reset();
                    ServerMessages.Social(buffer, SocialOperation.FriendStatus, other.Name, online: true);
                    own.Send(buffer.WrittenSpan);
                }
            }
        }
    }

    /// <summary>
    /// After the last frame: every character in the world is queued for saving, in game order
    /// behind everything already queued. Connections without a character are closed at once (1001);
    /// each player's connection is closed once its save is durable (1001), or with 4001 when the
    /// shutdown timeout ends first, and every character not saved is logged. Runs off the loop
    /// thread, which is done with the world by now.
    /// </summary>
    private async Task ShutdownAsync()
    {
        var saves = new List<(PlayerPresence? Presence, CharacterState State, TaskCompletionSource Saved)>();
        try
        {
            _commandsClosed = true;
            RunCommands();
            var states = new List<CharacterState>();
            Simulation?.CaptureAll(states);
            foreach (var state in states)
            {
                var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                saves.Add((_byCharacter.GetValueOrDefault(state.CharacterId), state, saved));
                _writer.Enqueue(new PersistenceJob.Character(state, saved));
            }
        }
        catch (Exception exception)
        {
            _logger.LogCritical(exception, "Capturing the world for the shutdown save failed; {Count} characters were queued before it did", saves.Count);
            _outcome.Record(ShutdownOutcome.CharactersNotSaved);
        }

        var playing = saves.Where(s => s.Presence?.Session is not null).Select(s => s.Presence!.Session!).ToHashSet();
        foreach (var session in _connected.Values.Where(s => !playing.Contains(s)))
        {
            session.Close(ClosedSaved, "The server is shutting down.");
        }

        _logger.LogInformation("Shutting down: {Characters} to save, {Sessions} to close", Count(saves.Count, "character"), Count(_connected.Count, "connection"));

        // Saving may take the shutdown timeout but for the time the sockets need to close after it.
        var closing = _options.Limits.CloseTimeout + TimeSpan.FromSeconds(1);
        var left = TimeSpan.FromSeconds(Math.Max(1, ((double)(Interlocked.Read(ref _shutdownDeadline) - Stopwatch.GetTimestamp()) / Stopwatch.Frequency) - closing.TotalSeconds));
        using (var deadline = new CancellationTokenSource(left))
        {
            await Task.WhenAll(saves.Select(s => CloseWhenSavedAsync(s.Presence?.Session, s.Saved.Task, deadline.Token))).ConfigureAwait(false);
        }

        var unsaved = saves.Where(s => !s.Saved.Task.IsCompletedSuccessfully).ToList();
        if (unsaved.Count > 0)
        {
            // Cancels the command in flight and fails whatever is still queued.
            _writer.Abandon();
            _outcome.Record(ShutdownOutcome.CharactersNotSaved);
            foreach (var (_, state, _) in unsaved)
            {
                _logger.LogError("Character {Character} ({Name}) was NOT saved before the shutdown timeout of {Timeout} s; its progress since the last save is lost",
                    state.CharacterId, state.Name, _options.ShutdownTimeout.TotalSeconds);
            }

            _logger.LogError("Shutdown finished with {Unsaved} of {Count} characters not saved", unsaved.Count, saves.Count);
        }
        else
        {
            _logger.LogInformation("Everyone is saved ({Characters})", Count(saves.Count, "character"));
        }

        foreach (var session in _connected.Values)
        {
            session.Close(ClosedNotSaved, "The server is shutting down; your latest progress could not be saved.");
        }

        // Sockets closing now finish their handshake within the close timeout.
        using (var closed = new CancellationTokenSource(closing))
        {
            while (!_connected.IsEmpty && !closed.IsCancellationRequested)
            {
                await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
            }
        }

        _finished.TrySetResult();
    }

    private static async Task CloseWhenSavedAsync(GameSession? session, Task saved, CancellationToken deadline)
    {
        try
        {
            await saved.WaitAsync(deadline).ConfigureAwait(false);
            session?.Close(ClosedSaved, "The server is shutting down; your character is saved.");
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            session?.Close(ClosedNotSaved, "The server is shutting down; your latest progress could not be saved.");
        }
    }

    private static IEnumerable<NpcSpawnPoint> ScatteredNpcs(SimulationOptions world, WorldSettings settings)
    {
        int[] types = [NpcIds.Chicken, NpcIds.Cow, NpcIds.Goblin, NpcIds.GiantRat];
        var random = new DeterministicRandom(settings.Seed);
        var radius = Math.Max(1, settings.ScatterRadius);
        for (int placed = 0, attempts = 0; placed < settings.ScatteredNpcs && attempts < settings.ScatteredNpcs * 20; attempts++)
        {
            var tile = new Tile(world.PlayerSpawn.X + random.Next(2 * radius + 1) - radius, world.PlayerSpawn.Z + random.Next(2 * radius + 1) - radius);
            if (world.Map.Contains(tile) && world.Map.IsWalkable(tile))
            {
                yield return new NpcSpawnPoint(types[placed++ % types.Length], tile);
            }
        }
    }

    private static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {noun}s");

    private static string NewResumeToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
