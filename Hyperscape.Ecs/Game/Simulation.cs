using System.Collections.Concurrent;
using System.Diagnostics;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Systems;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// The game's simulation: it owns the world and advances it one tick per <see cref="Step"/>.
/// Hosts call <see cref="Enqueue"/>, <see cref="Join"/> and <see cref="Leave"/> from any thread;
/// everything else belongs to the tick thread. A tick runs its phases in order (sessions, actions,
/// movement, combat, NPC AI, regeneration, death, respawn, with an embedder's systems placed among
/// them); what happened comes out as <see cref="Events"/>. A server drives it through
/// <see cref="Server.GameServer"/>, which adds the clock, the network sync and durability.
/// </summary>
/// <remarks>Deterministic: the same options, seed and sequence of calls give the same <see cref="ComputeStateHash"/>.</remarks>
public sealed class Simulation : IDisposable
{
    private static readonly QueryDescription OnlinePlayers = new QueryDescription().WithAll<Player, Position, Health, Skills>().WithAll<CombatState, Movement>();
    private static readonly QueryDescription LivingOnlinePlayers = OnlinePlayers.WithNone<Dying>();

    private readonly ConcurrentQueue<PlayerAction> _actions = new();
    private readonly SessionQueue _sessions = new();
    private readonly TickContext _tick;
    private readonly IGameSystem[] _systems;
    private readonly string[] _phaseNames;
    private readonly long[] _phaseTicks;
    private readonly Query _ghostablePlayers;
    private readonly Query _ghostableNpcs;
    private readonly Query _leavingGhosts;

    /// <summary>Builds the world from <paramref name="options"/>: spawn points, their NPCs, ground items, and the tick's phases.</summary>
    public Simulation(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Context = new GameContext(options);
        _tick = new TickContext(Context);
        var world = Context.World;
        _ghostablePlayers = world.Query(new QueryDescription().WithAll<Player, Position, Rotation, Health>().WithAll<Equipment, NetworkIdentity>());
        _ghostableNpcs = world.Query(new QueryDescription().WithAll<Npc, Position, Rotation, Health>().WithAll<NetworkIdentity>());
        _leavingGhosts = world.Query(new QueryDescription().WithAll<Ghost, Position, NetworkIdentity>());
        (TickPhase Phase, IGameSystem System)[] builtIn =
        [
            (TickPhase.Sessions, new SessionSystem(_sessions, world)),
            (TickPhase.Ghosts, new GhostSystem(_sessions, world)),
            (TickPhase.Actions, new ActionSystem(_actions)),
            (TickPhase.Prayer, new PrayerSystem(world)),
            (TickPhase.Movement, new MovementSystem(world)),
            (TickPhase.Gathering, new GatheringSystem(world)),
            (TickPhase.Agility, new AgilitySystem(world)),
            (TickPhase.Combat, new CombatSystem(world)),
            (TickPhase.NpcAi, new NpcAiSystem(world)),
            (TickPhase.Regeneration, new RegenerationSystem(world)),
            (TickPhase.Death, new DeathSystem(world)),
            (TickPhase.Respawn, new RespawnSystem(world)),
            (TickPhase.Gravestones, new GravestoneSystem(world, _sessions)),
            (TickPhase.Resources, new ResourceSystem(world)),
            (TickPhase.Shops, new ShopSystem()),
            (TickPhase.Processing, new ProcessingSystem(world)),
            (TickPhase.Fires, new FireSystem(world)),
        ];

        // The order is the built-in one with each embedder system before or after its anchor, in
        // registration order; a phase's name travels with its system.
        var phases = new List<(string Name, IGameSystem System)>();
        foreach (var (phase, system) in builtIn)
        {
            AddEmbedded(phases, options.Systems, phase, SystemPlacement.Before);
            phases.Add((PhaseName(phase), system));
            AddEmbedded(phases, options.Systems, phase, SystemPlacement.After);
        }

        _systems = [.. phases.Select(p => p.System)];
        _phaseNames = [.. phases.Select(p => p.Name)];
        _phaseTicks = new long[_systems.Length];

        foreach (var spawn in options.NpcSpawns)
        {
            if (!options.Npcs.TryGet(spawn.DefinitionId, out _) || !options.Map.Contains(spawn.Tile))
            {
                throw new ArgumentException($"NPC spawn {spawn} names an unknown type or lies off the map.", nameof(options));
            }

            var spawner = world.Create(GameArchetypes.NpcSpawner);
            world.Set(spawner, new NpcSpawn(spawn.DefinitionId, spawn.Tile, Entity.Null, 0));
            Context.SpawnNpc(spawner);
        }

        for (var i = 0; i < options.ResourceSpawns.Count; i++)
        {
            Context.SpawnResource(i);
        }

        foreach (var placed in options.Objects)
        {
            Context.SpawnObject(placed);
        }

        for (var course = 0; course < options.AgilityCourses.Count; course++)
        {
            for (var obstacle = 0; obstacle < options.AgilityCourses[course].Obstacles.Length; obstacle++)
            {
                Context.SpawnObstacle(course, obstacle);
            }
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

    /// <summary>The length of a game tick (<see cref="SimulationOptions.TickLength"/>, 600 ms by default).</summary>
    public TimeSpan TickLength => Context.Options.TickLength;

    /// <summary>The phase names, in order, matching <see cref="LastPhaseDurations"/>: the built-in ones and an embedder's.</summary>
    public IReadOnlyList<string> PhaseNames => _phaseNames;

    /// <summary>The ECS store.</summary>
    public World World => Context.World;

    /// <summary>The number of ticks computed so far.</summary>
    public long Tick => Context.Tick;

    /// <summary>Actions waiting for the next tick.</summary>
    public int PendingActions => _actions.Count;

    /// <summary>Characters in the world (or joining).</summary>
    public int OnlineCount => _sessions.Online.Count;

    /// <summary>The events of the last tick, in order. Valid until the next <see cref="Step"/>.</summary>
    public ReadOnlySpan<GameEvent> Events => Context.Events.AsSpan();

    /// <summary>The final state of every player who left during the last tick, for the host to save.</summary>
    public IReadOnlyList<CharacterState> Departed => _sessions.Departed;

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

    /// <summary>Per phase, the <see cref="Stopwatch"/> ticks the last step spent in it.</summary>
    public ReadOnlySpan<long> LastPhaseDurations => _phaseTicks;

    /// <summary>The shared game state, for the built-in systems, the sync and tests.</summary>
    internal GameContext Context { get; }

    /// <summary>Called before each action is applied, on the tick thread: tests inject faults with it.</summary>
    internal Action<PlayerAction>? ActionProbe
    {
        get => Context.ActionProbe;
        set => Context.ActionProbe = value;
    }

    /// <summary>Called at the start of each tick, on the tick thread: tests inject faults outside any player with it.</summary>
    internal Action? TickProbe { get; set; }

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
        if (!_sessions.Online.TryAdd(state.CharacterId, networkId))
        {
            throw new InvalidOperationException($"Character {state.CharacterId} is already in the world.");
        }

        _sessions.Joins.Enqueue((state, networkId, kills));
        return networkId;
    }

    /// <summary>Queues a player to leave the world at the next tick. Thread-safe; unknown ids are ignored.</summary>
    public void Leave(long networkId) => _sessions.Leaves.Enqueue(networkId);

    /// <summary>
    /// Queues a player to leave for another zone at the next tick (saved like any departure), where
    /// it stays on screen as a read-only ghost under the same network id until the other zone's ghost
    /// of it replaces it, or <paramref name="lifetimeTicks"/> pass. Thread-safe.
    /// </summary>
    public void LeaveAsGhost(long networkId, int lifetimeTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetimeTicks, 1);
        _sessions.HandOffs[networkId] = lifetimeTicks;
        _sessions.Leaves.Enqueue(networkId);
    }

    /// <summary>
    /// Shows ghosts a neighbouring zone sent (or refreshes them) at the next tick; each goes after
    /// <paramref name="lifetimeTicks"/> without a refresh. A ghost of a character who is in this world
    /// is ignored. Thread-safe; the states are copied.
    /// </summary>
    public void ReceiveGhosts(ReadOnlySpan<GhostState> ghosts, int lifetimeTicks = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetimeTicks, 1);
        if (ghosts.IsEmpty)
        {
            return;
        }

        var batch = System.Buffers.ArrayPool<GhostState>.Shared.Rent(ghosts.Length);
        ghosts.CopyTo(batch);
        _sessions.Ghosts.Enqueue((batch, ghosts.Length, lifetimeTicks));
    }

    /// <summary>
    /// Adds the ghost states of this world's players and NPCs standing on tiles <paramref name="near"/>
    /// accepts (a neighbour zone's border band), and of its own players on their way to another zone
    /// (tick thread).
    /// </summary>
    public void CaptureGhosts(Predicate<Tile> near, List<GhostState> into)
    {
        ArgumentNullException.ThrowIfNull(near);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var chunk in _ghostablePlayers.GetChunks())
        {
            var entities = chunk.Entities;
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < entities.Length; i++)
            {
                if (near(positions[i].Tile))
                {
                    into.Add(Context.GhostOfPlayer(entities[i]));
                }
            }
        }

        foreach (var chunk in _ghostableNpcs.GetChunks())
        {
            var positions = chunk.GetReadOnlySpan<Position>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            var npcs = chunk.GetReadOnlySpan<Npc>();
            var rotations = chunk.GetReadOnlySpan<Rotation>();
            var healths = chunk.GetReadOnlySpan<Health>();
            for (var i = 0; i < positions.Length; i++)
            {
                if (near(positions[i].Tile))
                {
                    into.Add(new GhostState(ids[i].Id, 0, WireEntityKind.Npc, npcs[i].DefinitionId, positions[i], rotations[i].Yaw, healths[i].Current, healths[i].Max));
                }
            }
        }

        foreach (var chunk in _leavingGhosts.GetChunks())
        {
            var positions = chunk.GetReadOnlySpan<Position>();
            var ids = chunk.GetReadOnlySpan<NetworkIdentity>();
            var ghosts = chunk.GetReadOnlySpan<Ghost>();
            for (var i = 0; i < positions.Length; i++)
            {
                ref readonly var ghost = ref ghosts[i];
                if (ghost.HandingOff)
                {
                    into.Add(new GhostState(ids[i].Id, ghost.CharacterId, ghost.Kind, ghost.TypeId, positions[i], ghost.Yaw, ghost.Health, ghost.MaxHealth) { Worn = ghost.Worn, Name = ghost.Name });
                }
            }
        }
    }

    /// <summary>
    /// Gives the world's memory back to the shared pool (see <see cref="World.Dispose"/>). Call it
    /// after the last <see cref="Step"/>, on the tick thread or once that thread has stopped.
    /// </summary>
    public void Dispose() => Context.World.Dispose();

    /// <summary>Advances the world by one tick.</summary>
    public void Step()
    {
        Context.Events.Clear();
        Context.ItemTransactions.Clear();
        Context.Faults.Clear();
        _sessions.Departed.Clear();
        Context.Tick++;
        TickProbe?.Invoke();

        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _systems.Length; i++)
        {
            var started = now;
            _systems[i].Update(_tick);
            now = Stopwatch.GetTimestamp();
            _phaseTicks[i] = now - started;
        }
    }

    /// <summary>
    /// A new character of this world, not yet stored: at the spawn point, with the starter items
    /// (those that fit), starting skills and full health. Thread-safe.
    /// </summary>
    public CharacterState NewCharacter(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = Context.Options;
        var inventory = default(Inventory);
        foreach (var stack in options.StarterItems)
        {
            if (options.Items.TryGet(stack.ItemId, out var item))
            {
                Rules.InventoryRules.TryAdd(ref inventory, item, stack.Quantity);
            }
        }

        return new CharacterState { CharacterId = 0, Name = name, Position = Position.At(options.PlayerSpawn), Inventory = inventory };
    }

    /// <summary>Looks up the entity with a network id (tick thread).</summary>
    public bool TryResolve(long networkId, out Entity entity) => Context.TryResolve(networkId, out entity);

    /// <summary>Reads a player's persistent state (tick thread only). False for unknown ids.</summary>
    public bool TryCapture(long networkId, out CharacterState? state)
    {
        state = Context.TryResolve(networkId, out var entity) && World.Has<Player>(entity) ? Context.CaptureCharacter(entity) : null;
        return state is not null;
    }

    /// <summary>
    /// Puts stored gravestones back into the world (tick thread, before the first step): each
    /// stands again exactly once, with the time it had left, for its owner to loot.
    /// </summary>
    public void RestoreGravestones(IEnumerable<StoredGravestone> gravestones)
    {
        ArgumentNullException.ThrowIfNull(gravestones);
        foreach (var grave in gravestones)
        {
            Context.RestoreGravestone(grave);
        }
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
            var prayers = chunk.GetReadOnlySpan<PrayerState>();
            for (var i = 0; i < players.Length; i++)
            {
                progress.Add(new CharacterProgress(players[i].CharacterId, positions[i], healths[i], skills[i], combats[i].Style, combats[i].AutoRetaliate, movements[i].Running,
                    prayers[i].Points, prayers[i].Active, combats[i].Autocast));
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

    private void AddEmbedded(List<(string Name, IGameSystem System)> phases, IReadOnlyList<SystemRegistration> registrations, TickPhase anchor, SystemPlacement placement)
    {
        foreach (var registration in registrations)
        {
            if (registration.Anchor == anchor && registration.Placement == placement)
            {
                phases.Add((registration.Name, registration.Create(_tick) ?? throw new InvalidOperationException($"The factory of system '{registration.Name}' returned null.")));
            }
        }
    }

    private static string PhaseName(TickPhase phase) => phase switch
    {
        TickPhase.NpcAi => "npc-ai",
        _ => phase.ToString().ToLowerInvariant(),
    };
}
