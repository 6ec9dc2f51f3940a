using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Social;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Store;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Hosting;
using Hyperscape.Host.Networking;
using Hyperscape.Host.Operations;
using Hyperscape.Host.Persistence;
using Hyperscape.Host.Zones;
using Microsoft.Extensions.Options;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// The one thread that owns the world. It runs the library's <see cref="GameServer"/> frame by
/// frame, and around it what only a host knows: who plays which character on which connection,
/// chat and friends, the reconnect grace, slow connections, faults, and the shutdown. Connections
/// (on I/O threads) enqueue actions directly and post everything else here, so the world is only
/// ever touched by this thread. On shutdown every character is saved within the shutdown
/// timeout, and each socket is closed with a status that says whether its character was.
/// </summary>
public sealed partial class GameLoop : IHostedService, IPacketSink, IDisposable
{
    /// <summary>Close status: the server is shutting down and this character is saved.</summary>
    public const int ClosedSaved = 1001;

    /// <summary>Close status: a server error ended this session; its character leaves the world and is saved.</summary>
    public const int ClosedServerError = 1011;

    /// <summary>Close status: the server is shutting down and could not save this character in time.</summary>
    public const int ClosedNotSaved = 4001;

    /// <summary>Close status: the same character logged in from another connection.</summary>
    public const int ClosedTakenOver = 4000;

    private readonly ServerOptions _options;
    private readonly ICharacterStore _characters;
    private readonly IContentIdStore _contentIds;
    private readonly PersistenceWriter _writer;
    private readonly ConnectionAdmission _admission;
    private readonly ShutdownOutcome _outcome;
    private readonly ILogger<GameLoop> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ConcurrentQueue<(Action Command, IClientLink? Scope)> _commands = new();
    private readonly ConcurrentDictionary<long, IClientLink> _connected = new();
    private readonly PresenceDirectory _presence = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChatRouter _chat = null!;
    private SocialRouter _social = null!;
    private Query _npcQuery = null!;
    private Thread? _thread;
    private volatile bool _stopping;

    // Set by the game thread before its first frame; read where packets are handed over (see CollectorSafePoint).
    private volatile bool _offerSafePoints;
    private volatile bool _commandsClosed;
    private string? _collectorPriorityOutcome;
    private long _shutdownDeadline = long.MaxValue;
    private long _nextClientId;
    private long _lastFrameTimestamp = Stopwatch.GetTimestamp();
    private long _ticksLost;
    private long _sendQueueBytes;
    private int _largestSendQueue;
    private long _framesSkipped;
    private int _npcs;
    private BackgroundCollectorKeepAlive? _collectorKeepAlive;

    /// <summary>Creates the loop; the world is built in <see cref="StartAsync"/>.</summary>
    public GameLoop(
        IOptions<ServerOptions> options,
        ICharacterStore characters,
        IContentIdStore contentIds,
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
        _contentIds = contentIds;
        _writer = writer;
        Metrics = metrics;
        _admission = admission;
        _outcome = outcome;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>The game server (touch only from the loop thread, or before it starts).</summary>
    public GameServer Server { get; private set; } = null!;

    /// <summary>The content the world was built from (map, items, NPC types): the browser client draws with it.</summary>
    public SimulationOptions WorldContent { get; private set; } = null!;

    /// <summary>The simulation (touch only from the loop thread, or before it starts; enqueue from anywhere).</summary>
    public Simulation Simulation => Server.Simulation;

    /// <summary>The metrics.</summary>
    public ServerMetrics Metrics { get; }

    /// <summary>Players in the world, including dropped ones in their grace period.</summary>
    public int Online => Server?.Simulation.OnlineCount ?? 0;

    /// <summary>Ticks computed.</summary>
    public long Tick => Server?.Simulation.Tick ?? 0;

    /// <summary>Game connections open now.</summary>
    public int Connections => _connected.Count;

    /// <summary>Time since the loop last finished a frame: it should stay near one frame.</summary>
    public TimeSpan SinceLastFrame => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFrameTimestamp));

    /// <summary>Entities in the world (approximate when read off the loop thread).</summary>
    public int Entities => Server?.Simulation.World.Count ?? 0;

    /// <summary>True once shutdown began: new players are refused.</summary>
    public bool Stopping => _stopping;

    /// <summary>A new client id for a connection.</summary>
    public long NewClientId() => Interlocked.Increment(ref _nextClientId);

    private static double Longest(double[] pauses) => pauses.Length == 0 ? 0 : pauses.Max();

    /// <summary>A snapshot for <c>/stats</c>; percentiles over the last <paramref name="window"/>, or every sample held.</summary>
    public ServerStats Stats(TimeSpan? window = null)
    {
        using var process = Process.GetCurrentProcess();
        var pauses = Metrics.GcPauses.Window(window);
        return new ServerStats(
            Tick, Online, Connections, Entities,
            Metrics.Ticks.Percentile(50, window), Metrics.Ticks.Percentile(99, window),
            Metrics.Frames.Percentile(50, window), Metrics.Frames.Percentile(99, window),
            Metrics.BytesIn, Metrics.BytesOut, Metrics.Rejected, Metrics.Dropped,
            Volatile.Read(ref _sendQueueBytes), Volatile.Read(ref _largestSendQueue),
            _writer.Pending, GC.GetTotalMemory(false), process.WorkingSet64)
        {
            ConnectionsRefused = _admission.Refused,
            ConnectionsBeforeHello = _admission.BeforeHello,
            ConnectionsEvicted = _admission.Evicted,
            Npcs = Volatile.Read(ref _npcs),
            FramesSkipped = Interlocked.Read(ref _framesSkipped),
            Sync = Metrics.LatestSync,
            WindowSeconds = window?.TotalSeconds ?? 0,
            TicksLost = Interlocked.Read(ref _ticksLost),
            CpuSeconds = process.TotalProcessorTime.TotalSeconds,
            GcPauseP50Ms = Metrics.GcPauses.Percentile(50, window),
            GcPauseP99Ms = Metrics.GcPauses.Percentile(99, window),
            GcPauseMaxMs = Longest(pauses),
            GcPauses = pauses.Length,
            GcPausesUnmeasured = Metrics.GcPausesUnmeasured,
            GcLongestGen0PauseMs = Longest(Metrics.GcPausesByKind.Gen0Pauses.Window(window)),
            GcLongestGen1PauseMs = Longest(Metrics.GcPausesByKind.Gen1Pauses.Window(window)),
            GcLongestFullPauseMs = Longest(Metrics.GcPausesByKind.FullPauses.Window(window)),
            Gen2Collections = GC.CollectionCount(2),
            BackgroundGcRequests = Volatile.Read(ref _collectorKeepAlive)?.Requests ?? 0,
            Zone = Zone is { } zone
                ? new ZoneStats(zone.Zone, zone.Options.TableVersion, zone.ClusterMembers, zone.InCluster,
                    zone.HandOffsOut, zone.HandOffsIn, zone.HandOffsAborted, CrossingsInFlight,
                    zone.HandOffLatency.Percentile(50, window), zone.HandOffLatency.Percentile(99, window), zone.Fence.Held,
                    zone.GhostsSent, zone.GhostsReceived, zone.ZonesWithoutProcess(),
                    zone.CallLatency.Percentile(50, window), zone.CallLatency.Percentile(99, window))
                : null,
        };
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var content = await LoadContentAsync(cancellationToken).ConfigureAwait(false);
        var world = content.World with { Seed = _options.World.Seed };
        IReadOnlyList<StoredGroundItem> ground = await _characters.LoadGroundItemsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<StoredGravestone> graves = await _characters.LoadGravestonesAsync(cancellationToken).ConfigureAwait(false);
        List<NpcSpawnPoint> spawns = [.. _options.World.SpawnNpcs ? world.NpcSpawns : [], .. ScatteredNpcs(world, _options.World)];
        long maxId;
        if (Zone is { } zone)
        {
            // A zone runs its own region only, and numbers what it makes in its own id range so
            // two zones never make the same id (a network id, a transaction, a ground item).
            await zone.StartAsync(world.Map.Width, world.Map.Height, cancellationToken).ConfigureAwait(false);
            bool Mine(Tile tile) => world.Map.Contains(tile) && zone.Map.ZoneOf(tile) == zone.Zone;
            ground = [.. ground.Where(g => Mine(g.Position.Tile))];
            graves = [.. graves.Where(g => Mine(g.Position.Tile))];
            spawns = [.. spawns.Where(s => Mine(s.Tile))];
            var first = ZoneMap.FirstNetworkId(zone.Zone);
            maxId = Math.Max(first - 1, await zone.Store.MaxStoredIdAsync(first, ZoneMap.FirstNetworkId(zone.Zone + 1), cancellationToken).ConfigureAwait(false));
        }
        else
        {
            maxId = await _characters.MaxStoredIdAsync(cancellationToken).ConfigureAwait(false);
        }

        // The frame length sets the pace of everything: a tick keeps its default number of frames
        // (600 ms / 50 ms = 12), so a shorter frame (tests) makes game time pass faster.
        var framesPerTick = SimulationOptions.DefaultTickLength / SyncOptions.Default.FrameInterval;
        Server = new GameServer(new GameServerOptions
        {
            Simulation = world with
            {
                FirstId = maxId + 1,
                NpcSpawns = spawns,
                GroundItems = _options.World.SpawnGroundItems ? world.GroundItems : [],
                TickLength = _options.FrameInterval * framesPerTick,
            },
            Sync = SyncOptions.Default with { FramesPerSecond = (int)Math.Round(1 / _options.FrameInterval.TotalSeconds) },
            Storage = _writer,
            SaveInterval = _options.SaveInterval,
            Observer = Metrics,
        });
        WorldContent = world;
        Server.Simulation.RestoreGroundItems(ground);
        Server.Simulation.RestoreGravestones(graves);
        _chat = Zone is null ? new ChatRouter(Server, _presence) : new ChatRouter(Server, _presence, SendPrivateElsewhere, SayOverTheBorder);
        _social = Zone is null ? new SocialRouter(_presence) : new SocialRouter(_presence, SendSocialElsewhere, AnnounceElsewhere);
        _npcQuery = Server.Simulation.World.Query(new QueryDescription().WithAll<Npc>());
        _logger.LogInformation("World ready: {Npcs} NPC spawns, {Ground} stored ground items and {Graves} gravestones restored, ids from {FirstId}", spawns.Count, ground.Count, graves.Count, maxId + 1);

        // ApplicationStopping fires before Kestrel waits for open requests; the game sockets are
        // open requests, so they must be saved and closed first or shutdown would stall.
        _lifetime.ApplicationStopping.Register(BeginStopping);
        _thread = new Thread(Run) { IsBackground = true, Name = "game-loop" };
        _thread.Start();
    }

    /// <summary>
    /// Reads the content against the stored id registry and stores the ids new content was
    /// given before anything can save them: a crash after this still finds the same numbers.
    /// </summary>
    private async Task<GameContent> LoadContentAsync(CancellationToken cancellationToken)
    {
        var stored = await _contentIds.LoadContentIdsAsync(cancellationToken).ConfigureAwait(false);
        var content = _options.World.LoadContent(new ContentIds(stored));
        await _contentIds.AddContentIdsAsync(content.Ids.Added, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            "Content: {Items} items, {Npcs} NPC types from {Source}; {New} new ids stored, {Known} known",
            content.Items.All.Count,
            content.Npcs.All.Count,
            string.IsNullOrEmpty(_options.World.Content) ? "the default world" : Path.GetFullPath(_options.World.Content),
            content.Ids.Added.Count,
            stored.Count);
        return content;
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

    /// <summary>A connection opened: the loop knows it until it closes, so shutdown can close every one.</summary>
    public void Opened(IClientLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        _connected[link.ClientId] = link;
        if (_stopping)
        {
            link.Close(ClosedSaved, "The server is shutting down.");
        }
    }

    /// <summary>A connection closed for good (after <see cref="Disconnected"/> when it played a character).</summary>
    public void Closed(IClientLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        _connected.TryRemove(link.ClientId, out _);
    }

    /// <summary>Queues a player's intent for the next tick (any thread).</summary>
    public void Enqueue(in PlayerAction action) => Server.Simulation.Enqueue(action);

    /// <summary>A new character of this world, not yet stored (any thread).</summary>
    public CharacterState NewCharacter(string name) => Server.Simulation.NewCharacter(name);

    /// <summary>
    /// Runs <paramref name="command"/> on the loop thread at the start of the next frame. A command
    /// with a <paramref name="scope"/> that throws disconnects that connection's player; one without
    /// is the server's own work, and its failure stops the server.
    /// </summary>
    public void Post(Action command, IClientLink? scope = null) => _commands.Enqueue((command, scope));

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
    /// Puts a loaded character in the world for a connection, or hands the connection a character
    /// already there (a second login takes over: the old socket is closed with 4000). EnteredWorld
    /// is sent before the first sync frame. Null when the server is shutting down.
    /// </summary>
    public Task<WorldEntry?> EnterWorldAsync(IClientLink link, StoredCharacter character, SocialRelations relations) =>
        PostAsync<WorldEntry?>(() =>
        {
            if (_stopping)
            {
                return null;
            }

            if (_presence.TryGetByCharacter(character.Id, out var existing))
            {
                existing.Relations = relations;
                return TakeOver(existing, link);
            }

            var networkId = Server.Simulation.Join(character.State, character.Kills);
            var presence = new PlayerPresence(character.Id, character.AccountId, networkId, character.State.Name, NewResumeToken()) { Relations = relations };
            _presence.Add(presence);
            var entry = TakeOver(presence, link);
            _logger.LogInformation("{Name} (character {Character}, account {Account}) entered the world from {Address}",
                presence.Name, presence.CharacterId, presence.AccountId, link.RemoteAddress);
            _social.AnnounceStatus(presence, online: true);
            return entry;
        });

    /// <summary>Looks up the character a resume token continues; null when the token is unknown or expired.</summary>
    public Task<(long CharacterId, long AccountId)?> FindResumableAsync(string resumeToken) =>
        PostAsync<(long, long)?>(() =>
            !_stopping && _presence.TryGetByResumeToken(resumeToken, out var presence) ? (presence.CharacterId, presence.AccountId) : null);

    /// <summary>
    /// Continues a dropped (or still connected) character with a new connection, after the caller
    /// checked it may; the old connection, if any, is closed with 4000. Null when the character
    /// left the world meanwhile.
    /// </summary>
    public Task<WorldEntry?> ResumeAsync(IClientLink link, string resumeToken) =>
        PostAsync<WorldEntry?>(() =>
        {
            if (_stopping || !_presence.TryGetByResumeToken(resumeToken, out var presence))
            {
                return null;
            }

            _logger.LogInformation("{Name} (character {Character}) resumed from {Address}", presence.Name, presence.CharacterId, link.RemoteAddress);
            return TakeOver(presence, link);
        });

    /// <summary>
    /// A connection playing a character dropped: the character is saved whole now and stays in the
    /// world for the grace period, resumable with its token.
    /// </summary>
    public void Disconnected(IClientLink link) => Post(() =>
    {
        Server.Disconnect(link.ClientId);
        if (_presence.Detach(link, DateTimeOffset.UtcNow + _options.ReconnectGrace) is not { } presence)
        {
            return;
        }

        _logger.LogInformation("{Name} (character {Character}) disconnected; staying in the world for {Grace} s",
            presence.Name, presence.CharacterId, _options.ReconnectGrace.TotalSeconds);
        if (Server.Simulation.TryCapture(presence.NetworkId, out var state))
        {
            _writer.Enqueue(new PersistenceJob.Character(state!));
        }
    });

    /// <summary>
    /// Completes once a character that left the world is durably saved (at once when it is not
    /// leaving): loading it before then would read the state from before its last session.
    /// </summary>
    public Task WhenSavedAsync(long characterId) => _writer.WhenSavedAsync(characterId);

    /// <summary>Chat from the player of <paramref name="link"/>.</summary>
    public void Chat(IClientLink link, ChatChannel channel, string? recipient, string text) => Post(() =>
    {
        if (_presence.TryGetByClient(link.ClientId, out var speaker))
        {
            _chat.Deliver(speaker, channel, recipient, text);
        }
    }, link);

    /// <summary>
    /// A social list of the player of <paramref name="link"/> changed: confirmed to it with the other
    /// character's online state; a request or a new friendship is told to the other side.
    /// </summary>
    public void SocialChanged(IClientLink link, SocialOperation operation, SocialOutcome outcome, string name, SocialRelations relations, SocialRelations? theirs) => Post(() =>
    {
        if (_presence.TryGetByClient(link.ClientId, out var player))
        {
            _social.Changed(player, operation, outcome, name, relations, theirs);
        }
    }, link);

    /// <inheritdoc />
    public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery)
    {
        if (_offerSafePoints)
        {
            CollectorSafePoint.Offer();
        }

        if (_presence.TryGetByClient(clientId, out var presence))
        {
            presence.Link!.Queue(packet, delivery);
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
        long frames = 0;
        if (_options.GameThreadNice != 0)
        {
            if (GameThreadPriority.TrySet(_options.GameThreadNice) is { } refused)
            {
                _logger.LogInformation("The game loop runs at normal priority: {Reason}", refused);
            }
            else if (_options.GameThreadNice > 0)
            {
                _logger.LogInformation("The game loop runs at nice {Nice}", _options.GameThreadNice);
            }
            else if (CollectorSafePoint.Unavailable() is { } unavailable)
            {
                _logger.LogInformation("The game loop runs at nice {Nice}, without safe points for the collector: {Reason}", _options.GameThreadNice, unavailable);
            }
            else
            {
                // Raised above the thread that starts a collection, the loop must stop when asked, not when it next waits.
                _offerSafePoints = true;
                _logger.LogInformation("The game loop runs at nice {Nice} and stops for a collection between clients", _options.GameThreadNice);
            }
        }

        Volatile.Write(ref _collectorKeepAlive, StartCollectorKeepAlive());
        try
        {
            while (!_stopping)
            {
                var wait = Server.UntilNextFrame;
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }

                RunCommands();
                var skippedBefore = Server.FramesSkipped;
                var ran = Server.RunDueFrames(this);
                if (ran == 0)
                {
                    continue;
                }

                HandleFaults();
                if (Server.FramesSkipped > skippedBefore)
                {
                    Interlocked.Exchange(ref _framesSkipped, Server.FramesSkipped);
                    Interlocked.Exchange(ref _ticksLost, Server.TicksLost);
                    _logger.LogWarning("The game loop fell behind: {Skipped} frames skipped (their packets never built), {Lost} ticks lost in all",
                        Server.FramesSkipped - skippedBefore, Server.TicksLost);
                }

                Metrics.RecordSync(Server.SyncStatistics);
                Volatile.Write(ref _npcs, _npcQuery.Count());
                AfterFrames(frames += ran);
                Metrics.SampleGcPauses();
                if (_collectorKeepAlive?.Poll() == true)
                {
                    PrioritizeCollectorThread();
                }

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

    private BackgroundCollectorKeepAlive? StartCollectorKeepAlive()
    {
        if (_options.BackgroundGcInterval == TimeSpan.Zero)
        {
            return null;
        }

        if (!BackgroundCollectorKeepAlive.IsUseful)
        {
            _logger.LogInformation("Full garbage collections are not concurrent: no background collection is ever asked for");
            return null;
        }

        _logger.LogInformation("A background garbage collection is asked for after {Seconds:F0} s without one, so the runtime keeps its background collector thread",
            _options.BackgroundGcInterval.TotalSeconds);
        return new BackgroundCollectorKeepAlive(_options.BackgroundGcInterval);
    }

    /// <summary>
    /// Gives the background collector thread its nice value after each requested collection (the
    /// request makes sure it exists; should the runtime ever let it go, the next one starts it anew).
    /// Each new outcome is logged once.
    /// </summary>
    private void PrioritizeCollectorThread()
    {
        if (_options.BackgroundGcNice == 0)
        {
            return;
        }

        var refused = BackgroundCollectorPriority.TrySet(_options.BackgroundGcNice) ?? string.Empty;
        if (refused == _collectorPriorityOutcome)
        {
            return;
        }

        _collectorPriorityOutcome = refused;
        if (refused.Length == 0)
        {
            _logger.LogInformation("The background garbage collector thread runs at nice {Nice}", _options.BackgroundGcNice);
        }
        else
        {
            _logger.LogInformation("The background garbage collector thread keeps its priority: {Reason}", refused);
        }
    }

    /// <summary>Host work after the frames: slow connections, queue statistics, the reconnect grace.</summary>
    private void AfterFrames(long frames)
    {
        long queued = 0;
        var now = DateTimeOffset.UtcNow;
        // Enumerated in place: .Values would copy every link into a new array each frame.
        foreach (var (_, link) in _connected)
        {
            // The frames' packets were queued without waking anyone: one wake per client, now.
            link.Flush();
            if (_offerSafePoints)
            {
                CollectorSafePoint.Offer();
            }

            var bytes = link.QueuedBytes;
            queued += bytes;
            if (bytes > _largestSendQueue)
            {
                Volatile.Write(ref _largestSendQueue, bytes);
            }

            if (_presence.TryGetByClient(link.ClientId, out var presence) && link.TryClearStall())
            {
                // The client missed sync packets: start it over from a full view of the newest state.
                Server.Connect(link.ClientId, presence.NetworkId);
            }

            var stalledFor = link.StalledFor(now);
            if (stalledFor > _options.Limits.StallTimeout)
            {
                _logger.LogWarning("Client {Client} ({Address}, character {Character}) has not read for {Seconds:F0} s; closing it",
                    link.ClientId, link.RemoteAddress, presence?.CharacterId ?? 0, stalledFor.TotalSeconds);
                link.Close(1008, "Too slow to keep up.");
            }
        }

        Volatile.Write(ref _sendQueueBytes, queued);
        if (Zone is { } zone)
        {
            ZoneFrame(zone);
        }

        if (frames % 20 == 0 && _presence.Expired(now) is { } expired)
        {
            foreach (var presence in expired)
            {
                RemoveFromWorld(presence);
            }
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
                FaultPlayer(_presence.TryGetByClient(scope.ClientId, out var presence) ? presence : null, scope, "handling its request", exception);
            }
        }
    }

    private void HandleFaults()
    {
        foreach (var fault in Server.PlayerFaults)
        {
            var presence = _presence.TryGetByNetworkId(fault.PlayerId, out var found) ? found : null;
            FaultPlayer(presence, presence?.Link, $"applying its {fault.Action.Kind} action", fault.Exception);
        }

        foreach (var fault in Server.ClientFaults)
        {
            if (_presence.TryGetByClient(fault.ClientId, out var presence))
            {
                FaultPlayer(presence, presence.Link, "building its sync frame", fault.Exception);
            }
        }
    }

    /// <summary>
    /// A fault in one player's work: log it with the player and what was being done, take the
    /// player out of the world (the departure saves it), and close its connection with 1011.
    /// </summary>
    private void FaultPlayer(PlayerPresence? presence, IClientLink? link, string doing, Exception exception)
    {
        _logger.LogError(exception, "A server error while {Doing} for {Name} (character {Character}, client {Client}); disconnecting that player",
            doing, presence?.Name ?? "a player", presence?.CharacterId ?? 0, link?.ClientId ?? 0);
        if (link is not null)
        {
            Server.Disconnect(link.ClientId);
            link.Close(ClosedServerError, "A server error ended your session; your character is being saved. Log in again.");
        }

        if (presence is not null)
        {
            RemoveFromWorld(presence);
        }
    }

    private WorldEntry TakeOver(PlayerPresence presence, IClientLink link)
    {
        if (_presence.Attach(presence, link) is { } previous)
        {
            Server.Disconnect(previous.ClientId);
            previous.Close(ClosedTakenOver, "Logged in from another connection.");
        }

        // EnteredWorld goes out before the client is synced, so it precedes every frame.
        var buffer = new FixedBufferWriter(256);
        ServerMessages.EnteredWorld(buffer, presence.NetworkId, Server.Simulation.Tick, presence.ResumeToken);
        link.Send(buffer.WrittenSpan, PacketDelivery.Reliable);
        Server.Connect(link.ClientId, presence.NetworkId);
        return new WorldEntry(presence.NetworkId, presence.CharacterId, presence.Name);
    }

    /// <summary>Takes a character out of the world at the next tick; its departure is saved, and loading it waits for that.</summary>
    private void RemoveFromWorld(PlayerPresence presence)
    {
        if (presence.Link is { } link)
        {
            Server.Disconnect(link.ClientId);
        }

        if (!_presence.Remove(presence))
        {
            return;
        }

        _writer.ExpectSave(presence.CharacterId);
        Server.Simulation.Leave(presence.NetworkId);
        _logger.LogInformation("{Name} (character {Character}, account {Account}) left the world", presence.Name, presence.CharacterId, presence.AccountId);
        _social.AnnounceStatus(presence, online: false);
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
        var saves = new List<(IClientLink? Link, CharacterState State, TaskCompletionSource Saved)>();
        try
        {
            _commandsClosed = true;
            RunCommands();
            var states = new List<CharacterState>();
            Server?.Simulation.CaptureAll(states);
            foreach (var state in states)
            {
                var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                saves.Add((_presence.TryGetByCharacter(state.CharacterId, out var presence) ? presence.Link : null, state, saved));
                _writer.Enqueue(new PersistenceJob.Character(state, saved, Departure: true));
            }
        }
        catch (Exception exception)
        {
            _logger.LogCritical(exception, "Capturing the world for the shutdown save failed; {Count} characters were queued before it did", saves.Count);
            _outcome.Record(ShutdownOutcome.CharactersNotSaved);
        }

        var playing = saves.Where(s => s.Link is not null).Select(s => s.Link!.ClientId).ToHashSet();
        foreach (var link in _connected.Values.Where(l => !playing.Contains(l.ClientId)))
        {
            link.Close(ClosedSaved, "The server is shutting down.");
        }

        _logger.LogInformation("Shutting down: {Characters} to save, {Sessions} to close", Count(saves.Count, "character"), Count(_connected.Count, "connection"));

        // Saving may take the shutdown timeout but for the time the sockets need to close after it.
        var closing = _options.Limits.CloseTimeout + TimeSpan.FromSeconds(1);
        var left = TimeSpan.FromSeconds(Math.Max(1, ((double)(Interlocked.Read(ref _shutdownDeadline) - Stopwatch.GetTimestamp()) / Stopwatch.Frequency) - closing.TotalSeconds));
        using (var deadline = new CancellationTokenSource(left))
        {
            await Task.WhenAll(saves.Select(s => CloseWhenSavedAsync(s.Link, s.Saved.Task, deadline.Token))).ConfigureAwait(false);
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

        foreach (var link in _connected.Values)
        {
            link.Close(ClosedNotSaved, "The server is shutting down; your latest progress could not be saved.");
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

    private static async Task CloseWhenSavedAsync(IClientLink? link, Task saved, CancellationToken deadline)
    {
        try
        {
            await saved.WaitAsync(deadline).ConfigureAwait(false);
            link?.Close(ClosedSaved, "The server is shutting down; your character is saved.");
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            link?.Close(ClosedNotSaved, "The server is shutting down; your latest progress could not be saved.");
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
