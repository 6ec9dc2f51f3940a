using System.Collections.Concurrent;
using System.Diagnostics;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Systems;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// The game server's simulation: it owns the world and advances it one 600 ms tick per
/// <see cref="Step"/>. Hosts call <see cref="Enqueue"/>, <see cref="Join"/> and
/// <see cref="Leave"/> from any thread; everything else belongs to the tick thread. Each tick
/// runs, in order: joins and leaves, queued actions, movement, combat, NPC AI, regeneration,
/// death, respawn. What happened comes out as <see cref="Events"/>.
/// </summary>
/// <remarks>Deterministic: the same options, seed and sequence of calls give the same <see cref="ComputeStateHash"/>.</remarks>
public sealed class Simulation
{
    /// <summary>The length of a game tick.</summary>
    public static readonly TimeSpan TickLength = TimeSpan.FromMilliseconds(600);

    private static readonly IReadOnlyDictionary<int, int> EmptyKills = new Dictionary<int, int>();
    private static readonly QueryDescription OnlinePlayers = new QueryDescription().WithAll<Player, Position, Health, Skills>().WithAll<CombatState, Movement>();
    private static readonly QueryDescription LivingOnlinePlayers = OnlinePlayers.WithNone<Dying>();
    private static readonly string[] Phases = ["sessions", "actions", "movement", "combat", "npc-ai", "regeneration", "death", "respawn"];

    private readonly ConcurrentQueue<PlayerAction> _actions = new();
    private readonly ConcurrentQueue<(CharacterState State, long NetworkId, IReadOnlyDictionary<int, int>? Kills)> _joins = new();
    private readonly ConcurrentQueue<long> _leaves = new();
    private readonly ConcurrentDictionary<long, long> _online = new();
    private readonly IGameSystem[] _systems;
    private readonly long[] _phaseTicks = new long[Phases.Length];
    private readonly List<CharacterState> _departed = [];

    /// <summary>Builds the world from <paramref name="options"/>: spawn points, their NPCs, and ground items.</summary>
    public Simulation(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Context = new GameContext(options);
        _systems =
        [
            new ActionSystem(_actions),
            new MovementSystem(Context.World),
            new CombatSystem(Context.World),
            new NpcAiSystem(Context.World),
            new RegenerationSystem(Context.World),
            new DeathSystem(Context.World),
            new RespawnSystem(Context.World),
        ];

        foreach (var spawn in options.NpcSpawns)
        {
            if (!options.Npcs.TryGet(spawn.DefinitionId, out _) || !options.Map.Contains(spawn.Tile))
            {
                throw new ArgumentException($"NPC spawn {spawn} names an unknown type or lies off the map.", nameof(options));
            }

            var spawner = Context.World.Create(GameArchetypes.NpcSpawner);
            Context.World.Set(spawner, new NpcSpawn(spawn.DefinitionId, spawn.Tile, Entity.Null, 0));
            Context.SpawnNpc(spawner);
        }

        foreach (var item in options.GroundItems)
        {
            if (!options.Items.TryGet(item.ItemId, out var definition) || item.Quantity <= 0 || (!definition.Stackable && item.Quantity != 1))
            {
                throw new ArgumentException($"Ground item {item} names an unknown item or an impossible quantity.", nameof(options));
            }

            Context.SpawnGroundItem(new ItemStack(item.ItemId, item.Quantity), item.Tile, 0, 0, ItemSource.WorldSpawn, permanent: true);
        }
    }

    /// <summary>Phase names, matching <see cref="LastPhaseDurations"/>.</summary>
    public static IReadOnlyList<string> PhaseNames => Phases;

    /// <summary>The shared game state, for systems and inspection on the tick thread.</summary>
    public GameContext Context { get; }

    /// <summary>The ECS store.</summary>
    public World World => Context.World;

    /// <summary>The number of ticks computed so far.</summary>
    public long Tick => Context.Tick;

    /// <summary>Actions waiting for the next tick.</summary>
    public int PendingActions => _actions.Count;

    /// <summary>Characters in the world (or joining).</summary>
    public int OnlineCount => _online.Count;

    /// <summary>The events of the last tick, in order. Valid until the next <see cref="Step"/>.</summary>
    public ReadOnlySpan<GameEvent> Events => Context.Events.AsSpan();

    /// <summary>The final state of every player who left during the last tick, for the host to save.</summary>
    public IReadOnlyList<CharacterState> Departed => _departed;

    /// <summary>
    /// The item transactions of the last tick, in the order they happened, each with the item state
    /// right after its own operation. Empty unless <see cref="SimulationOptions.RecordItemTransactions"/>.
    /// Committing them in order keeps storage an exact prefix of the game's history.
    /// </summary>
    public IReadOnlyList<ItemTransaction> ItemTransactions => Context.ItemTransactions;

    /// <summary>
    /// Players whose action threw during the last tick, in order. The rest of the tick ran; a host
    /// should take each one out of the world (<see cref="Leave"/>) and tell them.
    /// </summary>
    public IReadOnlyList<PlayerFault> Faults => Context.Faults;

    /// <summary>Called before each action is applied, on the tick thread: tests inject faults with it.</summary>
    internal Action<PlayerAction>? ActionProbe
    {
        get => Context.ActionProbe;
        set => Context.ActionProbe = value;
    }

    /// <summary>Called at the start of each tick, on the tick thread: tests inject faults outside any player with it.</summary>
    internal Action? TickProbe { get; set; }

    /// <summary>Per phase, the <see cref="Stopwatch"/> ticks the last step spent in it.</summary>
    public ReadOnlySpan<long> LastPhaseDurations => _phaseTicks;

    /// <summary>Queues a player's intent for the next tick. Thread-safe.</summary>
    public void Enqueue(in PlayerAction action) => _actions.Enqueue(action);

    /// <summary>
    /// Reserves a network id for a character and queues it to enter the world at the next tick.
    /// Thread-safe. A character can be in the world once; a second join throws.
    /// </summary>
    public long Join(CharacterState state, IReadOnlyDictionary<int, int>? kills = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Name.Length is 0 or > DisplayName.MaxLength)
        {
            throw new ArgumentException($"A character name has 1 to {DisplayName.MaxLength} characters.", nameof(state));
        }

        var networkId = Context.NewNetworkId();
        if (!_online.TryAdd(state.CharacterId, networkId))
        {
            throw new InvalidOperationException($"Character {state.CharacterId} is already in the world.");
        }

        _joins.Enqueue((state, networkId, kills));
        return networkId;
    }

    /// <summary>Queues a player to leave the world at the next tick. Thread-safe; unknown ids are ignored.</summary>
    public void Leave(long networkId) => _leaves.Enqueue(networkId);

    /// <summary>Advances the world by one tick.</summary>
    public void Step()
    {
        Context.Events.Clear();
        Context.ItemTransactions.Clear();
        Context.Faults.Clear();
        _departed.Clear();
        Context.Tick++;
        TickProbe?.Invoke();

        var started = Stopwatch.GetTimestamp();
        ProcessSessions();
        var now = Stopwatch.GetTimestamp();
        _phaseTicks[0] = now - started;
        for (var i = 0; i < _systems.Length; i++)
        {
            started = now;
            _systems[i].Update(Context);
            now = Stopwatch.GetTimestamp();
            _phaseTicks[i + 1] = now - started;
        }
    }

    /// <summary>Reads a player's persistent state (tick thread only). False for unknown ids.</summary>
    public bool TryCapture(long networkId, out CharacterState? state)
    {
        state = Context.TryResolve(networkId, out var entity) && World.Has<Player>(entity) ? Context.CaptureCharacter(entity) : null;
        return state is not null;
    }

    /// <summary>Puts stored ground items back into the world (tick thread, before the first step).</summary>
    public void RestoreGroundItems(IEnumerable<StoredGroundItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            Context.RestoreGroundItem(item);
        }
    }

    /// <summary>
    /// Appends every online character's position and stats, for the periodic save (tick thread).
    /// Players in their death animation wait for the next round.
    /// </summary>
    public void CaptureProgress(List<CharacterProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        foreach (var chunk in World.Query(LivingOnlinePlayers).GetChunks())
        {
            var players = chunk.GetReadOnlySpan<Player>();
            var positions = chunk.GetReadOnlySpan<Position>();
            var healths = chunk.GetReadOnlySpan<Health>();
            var skills = chunk.GetReadOnlySpan<Skills>();
            var combats = chunk.GetReadOnlySpan<CombatState>();
            var movements = chunk.GetReadOnlySpan<Movement>();
            for (var i = 0; i < players.Length; i++)
            {
                progress.Add(new CharacterProgress(players[i].CharacterId, positions[i], healths[i], skills[i], combats[i].Style, combats[i].AutoRetaliate, movements[i].Running));
            }
        }
    }

    /// <summary>Appends every online character's full state (for a save on shutdown; tick thread).</summary>
    public void CaptureAll(List<CharacterState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var chunk in World.Query(OnlinePlayers).GetChunks())
        {
            foreach (var player in chunk.Entities)
            {
                states.Add(Context.CaptureCharacter(player));
            }
        }
    }

    /// <summary>A hash of the whole simulation state; equal for equal runs.</summary>
    public ulong ComputeStateHash() => StateHasher.Compute(Context);

    private void ProcessSessions()
    {
        var joins = _joins.Count;
        while (joins-- > 0 && _joins.TryDequeue(out var join))
        {
            Context.SpawnPlayer(join.State, join.NetworkId);
            foreach (var (npcType, count) in join.Kills ?? EmptyKills)
            {
                Context.Kills.Load(join.State.CharacterId, npcType, count);
            }
        }

        var leaves = _leaves.Count;
        while (leaves-- > 0 && _leaves.TryDequeue(out var networkId))
        {
            if (!Context.TryResolve(networkId, out var player) || !World.Has<Player>(player))
            {
                continue;
            }

            Context.Trades.Abandon(networkId, RejectionReason.UnknownPlayer);
            var state = Context.CaptureCharacter(player);
            _departed.Add(state);
            _online.TryRemove(state.CharacterId, out _);
            Context.Emit(new GameEvent(GameEventKind.PlayerLeft, networkId, state.CharacterId));
            Context.Forget(player, networkId);
        }
    }
}
