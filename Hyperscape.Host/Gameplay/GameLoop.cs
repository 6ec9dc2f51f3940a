using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Sync;
using Hyperscape.Host.Configuration;
using Hyperscape.Host.Networking;
using Hyperscape.Host.Operations;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Options;

namespace Hyperscape.Host.Gameplay;

/// <summary>
/// The one thread that owns the world. Every 50 ms it runs a sync frame; every 12th frame it first
/// steps the 600 ms tick. Sessions (on I/O threads) enqueue actions directly and post everything
/// else here, so the simulation and the sync are only ever touched by this thread. Item
/// transactions go to the persistence writer as they happen and are confirmed to clients once
/// committed. On shutdown everyone is saved and every socket is closed with 1001.
/// </summary>
public sealed class GameLoop : IHostedService, IPacketSink, IDisposable
{
    private const int FramesPerTick = 12;

    private readonly ServerOptions _options;
    private readonly ICharacterStore _characters;
    private readonly PersistenceWriter _writer;
    private readonly ILogger<GameLoop> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ConcurrentQueue<Action> _commands = new();
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
    private long _nextClientId;
    private int _connections;
    private long _lastFrameTimestamp = Stopwatch.GetTimestamp();
    private DateTimeOffset _nextSave;

    /// <summary>Creates the loop; the world is built in <see cref="StartAsync"/>.</summary>
    public GameLoop(IOptions<ServerOptions> options, ICharacterStore characters, PersistenceWriter writer, ServerMetrics metrics, ILogger<GameLoop> logger, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _characters = characters;
        _writer = writer;
        Metrics = metrics;
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
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Time since the loop last finished a frame: it should stay near 50 ms.</summary>
    public TimeSpan SinceLastFrame => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFrameTimestamp));

    /// <summary>Entities in the world (approximate when read off the loop thread).</summary>
    public int Entities => Simulation?.World.Count ?? 0;

    /// <summary>True once shutdown began: new players are refused.</summary>
    public bool Stopping => _stopping;

    /// <summary>A new client id for a connection.</summary>
    public long NewClientId() => Interlocked.Increment(ref _nextClientId);

    /// <summary>Counts a game connection opening (+1) or closing (-1).</summary>
    public void CountConnection(int delta) => Interlocked.Add(ref _connections, delta);

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
            _writer.Pending, GC.GetTotalMemory(false), process.WorkingSet64);
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
        _nextSave = DateTimeOffset.UtcNow + _options.SaveInterval;
        _logger.LogInformation("World ready: {Npcs} NPC spawns, {Ground} stored ground items restored, ids from {FirstId}", spawns.Count, ground.Count, maxId + 1);

        // ApplicationStopping fires before Kestrel waits for open requests; the game sockets are
        // open requests, so they must be saved and closed first or shutdown would stall.
        _lifetime.ApplicationStopping.Register(() => _stopping = true);
        _thread = new Thread(Run) { IsBackground = true, Name = "game-loop" };
        _thread.Start();
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Everyone is saved");
        }
        catch (OperationCanceledException)
        {
            _logger.LogError("Shutdown timed out with {Pending} saves still queued", _writer.Pending);
            _writer.Abandon();
        }
    }

    /// <summary>Runs <paramref name="command"/> on the loop thread at the start of the next frame.</summary>
    public void Post(Action command) => _commands.Enqueue(command);

    /// <summary>Runs <paramref name="command"/> on the loop thread and returns its result.</summary>
    public Task<T> PostAsync<T>(Func<T> command)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.SetResult(command());
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        });
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

    /// <summary>Public chat to everyone who sees the speaker; private chat to an online friend who does not ignore them.</summary>
    public void Chat(long speakerNetworkId, ChatChannel channel, string? recipient, string text) => Post(() =>
    {
        if (!_byNetworkId.TryGetValue(speakerNetworkId, out var speaker))
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
            || !Ecs.Game.Social.SocialRules.CanDeliverPrivate(target.Relations, speaker.CharacterId))
        {
            ServerMessages.Chat(buffer, ChatChannel.System, 0, "Server", $"{recipient} is not online.");
            speaker.Session?.Send(buffer.WrittenSpan);
            return;
        }

        ServerMessages.Chat(buffer, ChatChannel.Private, speaker.NetworkId, speaker.Name, text);
        target.Session.Send(buffer.WrittenSpan);
        speaker.Session?.Send(buffer.WrittenSpan);
    });

    /// <summary>Refreshes a character's cached social lists and tells an online target of a friend request.</summary>
    public void SocialChanged(long characterId, SocialRelations relations, string? requestTo) => Post(() =>
    {
        if (!_byCharacter.TryGetValue(characterId, out var presence))
        {
            return;
        }

        presence.Relations = relations;
        if (requestTo is not null && _byName.TryGetValue(requestTo, out var target) && target.Session is { } session
            && Ecs.Game.Social.SocialRules.CanDeliverPrivate(target.Relations, characterId))
        {
            var buffer = new FixedBufferWriter(256);
            ServerMessages.Social(buffer, SocialOperation.FriendRequest, presence.Name, online: true);
            session.Send(buffer.WrittenSpan);
        }
    });

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
            _logger.LogCritical(exception, "The game loop crashed; stopping the server so nothing more is lost");
            _lifetime.StopApplication();
        }
        finally
        {
            Shutdown();
            _finished.TrySetResult();
        }
    }

    private void RunFrame(long frame)
    {
        while (_commands.TryDequeue(out var command))
        {
            command();
        }

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

        long queued = 0;
        foreach (var session in _sessions.Values)
        {
            var bytes = session.Outgoing.QueuedBytes;
            queued += bytes;
            if (bytes > _largestSendQueue)
            {
                Volatile.Write(ref _largestSendQueue, bytes);
            }

            if (session.Outgoing.Stalled)
            {
                ResyncOrDrop(session);
            }
        }

        Volatile.Write(ref _sendQueueBytes, queued);

        var now = DateTimeOffset.UtcNow;
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

    private void RunTick()
    {
        var started = Stopwatch.GetTimestamp();
        Simulation.Step();
        Metrics.RecordTick(Stopwatch.GetElapsedTime(started), Simulation.PhaseNames, Simulation.LastPhaseDurations);
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

        Sync.QueueEvents(Simulation.Events);
    }

    private void ResyncOrDrop(GameSession session)
    {
        if (session.Outgoing.TryClearStall())
        {
            // The client missed sync packets: start it over from a full view of the newest state.
            Sync.RemoveClient(session.ClientId);
            Sync.AddClient(session.ClientId, session.NetworkId);
            return;
        }

        if (DateTimeOffset.UtcNow - session.Outgoing.StalledSince > _options.Limits.StallTimeout)
        {
            _logger.LogInformation("Client {Client} stopped reading; disconnecting it", session.ClientId);
            session.Close(1008, "Too slow to keep up.");
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
            Simulation.Leave(presence.NetworkId);
            _leaving[presence.CharacterId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _byCharacter.Remove(presence.CharacterId);
            _byNetworkId.Remove(presence.NetworkId);
            _byResumeToken.Remove(presence.ResumeToken);
            _byName.Remove(presence.Name);
            AnnounceStatus(presence, online: false);
        }
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

    private void Shutdown()
    {
        var states = new List<CharacterState>();
        Simulation?.CaptureAll(states);
        foreach (var state in states)
        {
            _writer.Enqueue(new PersistenceJob.Character(state));
        }

        _logger.LogInformation("Shutting down: saving {Count} characters and closing {Sessions} connections", states.Count, _sessions.Count);
        foreach (var session in _sessions.Values.ToList())
        {
            session.Close(1001, "The server is shutting down.");
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

    private static string NewResumeToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
