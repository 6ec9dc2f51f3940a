using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Game.Trading;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

using Hyperscape.Ecs.Sync;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// The state every system shares: the world, the rules' data, the tick, the random source, the
/// event list, and the directory from network ids to entities. The helpers here are the only
/// places that create or remove NPCs, players and ground items, so every item that appears or
/// disappears passes one audited path and emits its event.
/// </summary>
internal sealed class GameContext
{
    private static readonly QueryDescription ObjectsQuery = new QueryDescription().WithAll<WorldObject, Position>();
    private readonly Dictionary<long, Entity> _directory = [];
    private long _lastId;

    internal GameContext(SimulationOptions options)
    {
        Options = options;
        World = new World(options.Store);
        Map = options.Map;
        Items = options.Items;
        Npcs = options.Npcs;
        Resources = options.Resources;
        Recipes = options.Recipes;
        Spells = options.Spells;
        Prayers = options.Prayers;
        Shops = new Shops.ShopBook(options.Shops);
        Random = new DeterministicRandom(options.Seed);
        Pathfinder = new Pathfinder(options.Map);
        Players = new SpatialGrid(options.Map.Width, options.Map.Height, 8);
        _lastId = options.FirstId - 1;
        Trades = new TradeBook(this);
    }

    /// <summary>The options the simulation was built from.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The ECS store.</summary>
    public World World { get; }

    /// <summary>Walkability.</summary>
    public TileMap Map { get; }

    /// <summary>Item definitions.</summary>
    public ItemCatalog Items { get; }

    /// <summary>NPC definitions.</summary>
    public NpcCatalog Npcs { get; }

    /// <summary>Resource types.</summary>
    public ResourceCatalog Resources { get; }

    /// <summary>Recipes, by product.</summary>
    public RecipeCatalog Recipes { get; }

    /// <summary>Combat spells, by id.</summary>
    public SpellBook Spells { get; }

    /// <summary>Prayers, by id.</summary>
    public PrayerBook Prayers { get; }

    /// <summary>The only source of randomness.</summary>
    public DeterministicRandom Random { get; }

    /// <summary>Path search for player movement.</summary>
    public Pathfinder Pathfinder { get; }

    /// <summary>Players by tile, rebuilt once a tick after movement.</summary>
    public SpatialGrid Players { get; }

    /// <summary>Open trades and pending requests.</summary>
    public TradeBook Trades { get; }

    /// <summary>Every shop's stock, and who has which open.</summary>
    public Shops.ShopBook Shops { get; }

    /// <summary>The banks of the players in the world.</summary>
    public Banking.BankBook Banks { get; } = new();

    /// <summary>Projectiles in flight, landing on later ticks (the combat phase lands them first).</summary>
    internal List<PendingHit> PendingHits { get; } = [];

    /// <summary>Deaths whose drops are done.</summary>
    public DeathLock Deaths { get; } = new();

    /// <summary>NPC kills per character and type.</summary>
    public KillLedger Kills { get; } = new();

    /// <summary>This tick's events.</summary>
    public EventBuffer Events { get; } = new();

    /// <summary>The tick being computed; the first <see cref="Simulation.Step"/> computes tick 1.</summary>
    public long Tick { get; internal set; }

    /// <summary>The last id handed out.</summary>
    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>Ground items spawned by the operation in progress, so it can record them.</summary>
    internal List<Entity> DropScratch { get; } = [];

    /// <summary>This tick's faults in players' actions.</summary>
    internal List<PlayerFault> Faults { get; } = [];

    /// <summary>Called before each action is applied; tests inject faults with it.</summary>
    internal Action<Actions.PlayerAction>? ActionProbe { get; set; }

    /// <summary>This tick's item transactions, when <see cref="SimulationOptions.RecordItemTransactions"/> is on.</summary>
    public List<ItemTransaction> ItemTransactions { get; } = [];

    /// <summary>Looks up an entity by network id.</summary>
    public bool TryResolve(long networkId, out Entity entity) => _directory.TryGetValue(networkId, out entity);

    /// <summary>The network id of an entity that has one, else 0.</summary>
    public long NetworkIdOf(Entity entity) =>
        World.TryGet<NetworkIdentity>(entity, out var identity) ? identity.Id : 0;

    /// <summary>Appends an event.</summary>
    public void Emit(in GameEvent gameEvent) => Events.Add(gameEvent);

    /// <summary>Adds XP to a player's skill, announcing each level gained; returns how many.</summary>
    public int GainXp(ref Skills skills, long playerId, Skill skill, int tenths)
    {
        var levels = skills.AddXp(skill, tenths);
        if (levels > 0)
        {
            Emit(new GameEvent(GameEventKind.LevelUp, playerId, A: (int)skill, B: skills.Level(skill)));
        }

        return levels;
    }

    /// <summary>
    /// A player's equipment changed: its bonuses are summed again, and the combat button stays
    /// the same on the new weapon (its last when the weapon has fewer), as OSRS keeps it.
    /// </summary>
    public void EquipmentChanged(Entity player)
    {
        var bonuses = EquipmentRules.Bonuses(World.GetReadOnly<Equipment>(player), Items);
        World.Set(player, bonuses);
        ref var combat = ref World.Get<CombatState>(player);
        WeaponStyles.Select(ref combat, bonuses.Weapon, combat.Option);
        if (bonuses.Weapon != WeaponCategory.Staff)
        {
            combat.Autocast = 0;
        }
    }

    /// <summary>
    /// Ends what a player is working at (gathering, making something, walking to an obstacle), if anything, telling
    /// the player why (<paramref name="reason"/>; None when the node ran out). Silent when <paramref name="tell"/> is false: the player chose
    /// to do something else.
    /// </summary>
    public void StopWork(Entity player, RejectionReason reason, bool tell = true)
    {
        // A walk to an obstacle ends too; a crossing under way does not (nothing stops a jump).
        ref var agility = ref World.Get<Agility>(player);
        if (!agility.Crossing)
        {
            agility.Obstacle = Entity.Null;
        }

        // Making something stops the same way: one player does one thing at a time.
        ref var processing = ref World.Get<Processing>(player);
        if (processing.Active)
        {
            if (tell)
            {
                Emit(new GameEvent(GameEventKind.GatheringStopped, NetworkIdOf(player), processing.Station.IsNull ? 0 : NetworkIdOf(processing.Station), Reason: reason));
            }

            processing = default;
        }

        ref var gathering = ref World.Get<Gathering>(player);
        if (!gathering.Active)
        {
            return;
        }

        if (tell)
        {
            Emit(new GameEvent(GameEventKind.GatheringStopped, NetworkIdOf(player), NetworkIdOf(gathering.Node), Reason: reason));
        }

        gathering = default;
    }

    /// <summary>Lights a fire on a tile (it goes out after <see cref="SimulationOptions.FireTicks"/>, leaving <paramref name="ashesId"/> if not 0).</summary>
    public Entity SpawnFire(Tile tile, int ashesId = 0)
    {
        var networkId = NewNetworkId();
        var fire = World.Create(GameArchetypes.Fire);
        World.Set(fire, Position.At(tile));
        World.Set(fire, new WorldObject(WorldObjectKind.Fire));
        World.Set(fire, new Burning(Tick + Options.FireTicks, ashesId));
        World.Set(fire, new NetworkIdentity(networkId, 0));
        _directory.Add(networkId, fire);
        return fire;
    }

    /// <summary>True when a fire or another object stands on the tile (objects are few: a scan is fine).</summary>
    public bool ObjectOn(Tile tile)
    {
        foreach (var chunk in World.Query(ObjectsQuery).GetChunks())
        {
            foreach (var position in chunk.GetReadOnlySpan<Position>())
            {
                if (position.Tile == tile)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A fresh, never reused network id. Thread-safe: hosts reserve ids for joining players.</summary>
    public long NewNetworkId() => Interlocked.Increment(ref _lastId);

    /// <summary>A fresh transaction (or death) id, from the same counter as network ids.</summary>
    public long NewTransactionId() => Interlocked.Increment(ref _lastId);

    /// <summary>
    /// Records an item transaction when recording is on; snapshots are taken now, as the operation
    /// ends. <paramref name="withBank"/>: the players' banks changed too; <paramref name="gravestone"/>: a
    /// gravestone made or looted from, as it now stands; <paramref name="gravestoneRemoved"/>: one that went.
    /// </summary>
    public void RecordItems(long transaction, ItemTransactionKind kind, ReadOnlySpan<Entity> players, ReadOnlySpan<Entity> groundAdded, ReadOnlySpan<long> groundRemoved, DeathRecord? death = null, KillCount? kill = null, bool withBank = false,
        Entity gravestone = default, long gravestoneRemoved = 0)
    {
        if (!Options.RecordItemTransactions)
        {
            return;
        }

        var characters = new List<CharacterItems>(players.Length);
        foreach (var player in players)
        {
            characters.Add(new CharacterItems(World.GetReadOnly<Player>(player).CharacterId, World.GetReadOnly<Inventory>(player), World.GetReadOnly<Equipment>(player))
            {
                Bank = withBank ? Banks[NetworkIdOf(player)].ToArray() : null,
            });
        }

        var added = new List<StoredGroundItem>(groundAdded.Length);
        foreach (var entity in groundAdded)
        {
            var item = World.GetReadOnly<GroundItem>(entity);
            long? owner = item.OwnerId != 0 && TryResolve(item.OwnerId, out var ownerEntity) && World.TryGet<Player>(ownerEntity, out var ownerPlayer)
                ? ownerPlayer.CharacterId
                : null;
            added.Add(new StoredGroundItem(World.GetReadOnly<NetworkIdentity>(entity).Id, item.ItemId, item.Quantity, World.GetReadOnly<Position>(entity), owner)
            {
                DespawnsIn = item.DespawnAtTick == 0 ? null : TicksFromNow(item.DespawnAtTick),
            });
        }

        ItemTransactions.Add(new ItemTransaction(transaction, kind, characters, added, groundRemoved.ToArray(), death, kill is { } k ? [k] : [])
        {
            Gravestones = gravestone.IsNull ? [] : [StoreGravestone(gravestone)],
            GravestonesRemoved = gravestoneRemoved == 0 ? [] : [gravestoneRemoved],
        });
    }

    private StoredGravestone StoreGravestone(Entity entity)
    {
        ref readonly var grave = ref World.GetReadOnly<Gravestone>(entity);
        var items = new ItemStack[Gravestone.SlotCount];
        ((ReadOnlySpan<ItemStack>)grave.Slots).CopyTo(items);
        return new StoredGravestone(NetworkIdOf(entity), grave.DeathId, grave.OwnerCharacterId, World.GetReadOnly<Position>(entity), items, TicksFromNow(grave.BreaksAtTick));
    }

    /// <summary>The game time from now until <paramref name="tick"/>, never negative: what storage keeps of a timer.</summary>
    private TimeSpan TicksFromNow(long tick) => Options.TickLength * Math.Max(0, tick - Tick);

    /// <summary>The tick a stored timer with <paramref name="left"/> to run ends: at least the next one, never "never" (0).</summary>
    private long TickAfter(TimeSpan left) => Tick + Math.Max(1, (long)Math.Ceiling(left / Options.TickLength));

    /// <summary>Puts a stored ground item back into the world under its stored id (tick thread, at start-up).</summary>
    public Entity RestoreGroundItem(StoredGroundItem stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!Items.TryGet(stored.ItemId, out _) || stored.Quantity <= 0 || _directory.ContainsKey(stored.Id) || stored.Id > LastId)
        {
            throw new ArgumentException($"Stored ground item {stored.Id} is not valid here (unknown item, bad quantity, or an id this instance may hand out).", nameof(stored));
        }

        var entity = World.Create(GameArchetypes.GroundItem);
        World.Set(entity, stored.Position);
        World.Set(entity, new GroundItem(stored.ItemId, stored.Quantity, 0, 0, stored.DespawnsIn is { } left ? TickAfter(left) : Tick + Options.GroundItemDespawnTicks));
        World.Set(entity, new NetworkIdentity(stored.Id, 0));
        _directory.Add(stored.Id, entity);
        return entity;
    }

    /// <summary>Puts a stored gravestone back into the world under its stored id (tick thread, at start-up).</summary>
    public Entity RestoreGravestone(StoredGravestone stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Items.Count > Gravestone.SlotCount || _directory.ContainsKey(stored.Id) || stored.Id > LastId
            || stored.Items.Any(s => !s.IsEmpty && (!Items.TryGet(s.ItemId, out _) || s.Quantity <= 0)))
        {
            throw new ArgumentException($"Stored gravestone {stored.Id} is not valid here (too many stacks, an unknown item or bad quantity, or an id this instance may hand out).", nameof(stored));
        }

        var grave = new Gravestone { OwnerCharacterId = stored.CharacterId, DeathId = stored.DeathId, BreaksAtTick = TickAfter(stored.BreaksIn) };
        for (var i = 0; i < stored.Items.Count; i++)
        {
            grave.Slots[i] = stored.Items[i];
        }

        return PlaceGravestone(stored.Id, stored.Position, grave);
    }

    /// <summary>
    /// Puts a dead player's items into a gravestone where it fell (the caller has emptied the player),
    /// and tells the owner. Returns <see cref="Entity.Null"/> when there was nothing to keep.
    /// </summary>
    public Entity SpawnGravestone(Entity player, long deathId, in Inventory inventory, in Equipment equipment, long transaction)
    {
        var grave = new Gravestone
        {
            OwnerCharacterId = World.GetReadOnly<Player>(player).CharacterId,
            DeathId = deathId,
            BreaksAtTick = Tick + Options.GravestoneTicks,
        };
        ((ReadOnlySpan<ItemStack>)inventory.Slots).CopyTo(grave.Slots);
        ((ReadOnlySpan<ItemStack>)equipment.Slots).CopyTo(((Span<ItemStack>)grave.Slots)[Inventory.SlotCount..]);
        var stacks = grave.StackCount;
        if (stacks == 0)
        {
            return Entity.Null;
        }

        var networkId = NewNetworkId();
        var entity = PlaceGravestone(networkId, Position.At(World.GetReadOnly<Position>(player).Tile), grave);
        Emit(new GameEvent(GameEventKind.GravestoneCreated, NetworkIdOf(player), networkId, stacks, Options.GravestoneTicks, Transaction: transaction));
        return entity;
    }

    /// <summary>Creates a gravestone entity under its network id, made now or restored from storage.</summary>
    private Entity PlaceGravestone(long networkId, Position position, in Gravestone grave)
    {
        var entity = World.Create(GameArchetypes.Gravestone);
        World.Set(entity, position);
        World.Set(entity, grave);
        World.Set(entity, new NetworkIdentity(networkId, 0));
        _directory.Add(networkId, entity);
        return entity;
    }

    /// <summary>Puts items on the ground and emits their events.</summary>
    /// <param name="stack">What lies there.</param>
    /// <param name="tile">Where.</param>
    /// <param name="ownerId">The player protected as owner, or 0.</param>
    /// <param name="transaction">The item transaction, or 0.</param>
    /// <param name="source">When the items are new to the world, where they come from; null when they were carried.</param>
    /// <param name="permanent">World-placed items never despawn nor are protected.</param>
    /// <param name="despawnTicks">How long it lies there; 0 for <see cref="SimulationOptions.GroundItemDespawnTicks"/>.</param>
    public Entity SpawnGroundItem(ItemStack stack, Tile tile, long ownerId, long transaction, ItemSource? source, bool permanent = false, int despawnTicks = 0)
    {
        var networkId = NewNetworkId();
        var protectedUntil = permanent || ownerId == 0 ? 0 : Tick + Options.GroundItemProtectionTicks;
        var despawnAt = permanent ? 0 : Tick + (despawnTicks > 0 ? despawnTicks : Options.GroundItemDespawnTicks);
        var entity = World.Create(GameArchetypes.GroundItem);
        World.Set(entity, Position.At(tile));
        World.Set(entity, new GroundItem(stack.ItemId, stack.Quantity, ownerId, protectedUntil, despawnAt));
        World.Set(entity, new NetworkIdentity(networkId, 0));
        _directory.Add(networkId, entity);
        if (source is { } created)
        {
            Emit(new GameEvent(GameEventKind.ItemsCreated, networkId, A: stack.ItemId, B: stack.Quantity, C: (int)created, Transaction: transaction));
        }

        Emit(new GameEvent(GameEventKind.GroundItemSpawned, networkId, ownerId, stack.ItemId, stack.Quantity, Transaction: transaction));
        return entity;
    }

    /// <summary>Removes a ground item: picked up by <paramref name="takerId"/>, or despawned when 0.</summary>
    public void RemoveGroundItem(Entity entity, long takerId, long transaction)
    {
        var item = World.GetReadOnly<GroundItem>(entity);
        var networkId = World.GetReadOnly<NetworkIdentity>(entity).Id;
        if (takerId == 0)
        {
            Emit(new GameEvent(GameEventKind.ItemsDestroyed, networkId, A: item.ItemId, B: item.Quantity, C: (int)ItemSink.Despawned, Transaction: transaction));
        }

        Emit(new GameEvent(GameEventKind.GroundItemRemoved, networkId, takerId, item.ItemId, item.Quantity, Transaction: transaction));
        Forget(entity, networkId);
    }

    /// <summary>Places the resource node of <see cref="SimulationOptions.ResourceSpawns"/>[<paramref name="index"/>] (at start-up).</summary>
    public Entity SpawnResource(int index)
    {
        var spawn = Options.ResourceSpawns[index];
        var definition = Resources[spawn.DefinitionId];
        var networkId = NewNetworkId();
        var node = World.Create(GameArchetypes.ResourceNode);
        World.Set(node, Position.At(spawn.Tile));
        World.Set(node, new ResourceNode
        {
            DefinitionId = spawn.DefinitionId,
            SpawnIndex = index,
            MoveAtTick = definition.MoveTicks > 0 && spawn.Moves.Count > 0 ? Tick + definition.MoveTicks : 0,
        });
        World.Set(node, new NetworkIdentity(networkId, 0));
        _directory.Add(networkId, node);
        return node;
    }

    /// <summary>Places a fixed world object (at start-up).</summary>
    public Entity SpawnObject(WorldObjectSpawn placed)
    {
        var networkId = NewNetworkId();
        var entity = World.Create(GameArchetypes.WorldObject);
        World.Set(entity, Position.At(placed.Tile));
        World.Set(entity, new WorldObject(placed.Kind, placed.Variant));
        World.Set(entity, new NetworkIdentity(networkId, 0));
        _directory.Add(networkId, entity);
        return entity;
    }

    /// <summary>Places obstacle <paramref name="index"/> of agility course <paramref name="course"/> (at start-up).</summary>
    public Entity SpawnObstacle(int course, int index)
    {
        var networkId = NewNetworkId();
        var entity = World.Create(GameArchetypes.Obstacle);
        World.Set(entity, Position.At(Options.AgilityCourses[course].Obstacles[index].At));
        World.Set(entity, new WorldObject(WorldObjectKind.Obstacle));
        World.Set(entity, new CourseObstacle(course, index));
        World.Set(entity, new NetworkIdentity(networkId, 0));
        _directory.Add(networkId, entity);
        return entity;
    }

    /// <summary>Closes a player's bank, if open, telling the player.</summary>
    public void CloseBank(long playerId)
    {
        if (Banks.TryGet(playerId, out var bank) && bank.OpenAt is not null)
        {
            bank.OpenAt = null;
            Emit(new GameEvent(GameEventKind.BankClosed, playerId));
        }
    }

    /// <summary>Closes a player's shop, if open, telling the player.</summary>
    public void CloseShop(long playerId)
    {
        if (Shops.Close(playerId))
        {
            Emit(new GameEvent(GameEventKind.ShopClosed, playerId));
        }
    }

    /// <summary>Brings a spawn point's NPC to life.</summary>
    public Entity SpawnNpc(Entity spawner)
    {
        ref var spawn = ref World.Get<NpcSpawn>(spawner);
        var definition = Npcs[spawn.DefinitionId];
        var networkId = NewNetworkId();
        var npc = World.Create(GameArchetypes.Npc);
        World.Set(npc, Position.At(spawn.Tile));
        World.Set(npc, new Health(definition.Hitpoints, definition.Hitpoints));
        World.Set(npc, new CombatState { Style = AttackStyle.Accurate, AttackType = definition.AttackType, AutoRetaliate = true });
        World.Set(npc, new NetworkIdentity(networkId, 0));
        World.Set(npc, new Npc(spawn.DefinitionId, spawner, spawn.Tile));
        spawn = spawn with { Current = npc, RespawnAtTick = 0 };
        _directory.Add(networkId, npc);
        Emit(new GameEvent(GameEventKind.NpcSpawned, networkId, A: spawn.DefinitionId));
        return npc;
    }

    /// <summary>Creates a player entity from its stored state under a reserved network id.</summary>
    public Entity SpawnPlayer(CharacterState state, long networkId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = World.Create(GameArchetypes.Player);
        var position = Map.Contains(state.Position.Tile) ? state.Position : Position.At(Options.PlayerSpawn);
        World.Set(entity, position);
        World.Set(entity, state.Health);
        World.Set(entity, state.Skills);
        World.Set(entity, state.Inventory);
        World.Set(entity, state.Equipment);
        var bonuses = EquipmentRules.Bonuses(state.Equipment, Items);
        World.Set(entity, bonuses);

        // A character stores its stance; the button is the weapon's first with that stance.
        var combat = new CombatState { AutoRetaliate = state.AutoRetaliate };
        WeaponStyles.Select(ref combat, bonuses.Weapon, WeaponStyles.FirstWithStance(bonuses.Weapon, state.AttackStyle));

        // The autocast spell comes back while it could still be set now: a staff wielded and the level for it.
        combat.Autocast = bonuses.Weapon == WeaponCategory.Staff && Spells.TryGet(state.Autocast, out var spell) && state.Skills.Level(Skill.Magic) >= spell.Level ? spell.Id : 0;
        // A hand-off's clocks go on where they were; a login has none.
        var timers = state.CombatTimers;
        combat.NextAttackTick = Tick + Math.Max(0, timers.AttackIn);
        combat.NextEatTick = Tick + Math.Max(0, timers.EatIn);
        combat.InCombatUntilTick = Tick + Math.Max(0, timers.InCombatFor);
        World.Set(entity, combat);

        // Points are capped by the level; a prayer the level no longer allows stays off.
        var prayerLevel = state.Skills.Level(Skill.Prayer);
        var allowed = 0;
        foreach (var prayer in Prayers.Span)
        {
            allowed |= prayer.Level <= prayerLevel ? prayer.Bit : 0;
        }

        var points = Math.Clamp(state.PrayerPoints, 0, prayerLevel);
        World.Set(entity, new PrayerState { Points = points, Active = points > 0 ? state.ActivePrayers & allowed : 0 });
        World.Set(entity, new Movement { Running = state.Running });
        World.Set(entity, new NetworkIdentity(networkId, 0));
        World.Set(entity, new Player(state.CharacterId, DisplayName.From(state.Name)));
        Banks.Add(networkId, new Banking.Bank(state.Bank));
        _directory.Add(networkId, entity);
        Emit(new GameEvent(GameEventKind.PlayerJoined, networkId, state.CharacterId));
        return entity;
    }

    /// <summary>
    /// Reads a player's persistent state out of the world. A player in its death animation is
    /// captured as respawned: its drops already happened, and it must not die again on reload.
    /// </summary>
    public CharacterState CaptureCharacter(Entity player)
    {
        var identity = World.GetReadOnly<Player>(player);
        var combat = World.GetReadOnly<CombatState>(player);
        var dying = World.Has<Dying>(player);
        var health = World.GetReadOnly<Health>(player);
        var prayer = World.GetReadOnly<PrayerState>(player);
        var skills = World.GetReadOnly<Skills>(player);
        return new CharacterState
        {
            CharacterId = identity.CharacterId,
            Name = identity.Name.ToString(),
            Position = dying ? Position.At(Options.PlayerSpawn) : World.GetReadOnly<Position>(player),
            Health = dying ? health with { Current = health.Max } : health,
            Skills = skills,
            Inventory = World.GetReadOnly<Inventory>(player),
            Equipment = World.GetReadOnly<Equipment>(player),
            AttackStyle = combat.Style,
            AutoRetaliate = combat.AutoRetaliate,
            Running = World.GetReadOnly<Movement>(player).Running,
            PrayerPoints = dying ? skills.Level(Skill.Prayer) : prayer.Points,
            ActivePrayers = dying ? 0 : prayer.Active,
            Autocast = combat.Autocast,
            Bank = Banks.TryGet(NetworkIdOf(player), out var bank) ? bank.ToArray() : [],
            CombatTimers = new CombatTimers(TicksLeft(combat.NextAttackTick), TicksLeft(combat.NextEatTick), TicksLeft(combat.InCombatUntilTick)),
        };
    }

    private int TicksLeft(long untilTick) => (int)Math.Clamp(untilTick - Tick, 0, int.MaxValue);

    /// <summary>Removes an entity and its network id.</summary>
    public void Forget(Entity entity, long networkId)
    {
        _directory.Remove(networkId);
        Banks.Remove(networkId);
        Shops.Close(networkId);
        World.Destroy(entity);
    }

    /// <summary>The ghost shown of each character another zone owns, by character id.</summary>
    internal Dictionary<long, long> GhostsByCharacter { get; } = [];

    /// <summary>Shows a ghost, or refreshes the one shown under its network id; a real entity of that id here wins.</summary>
    internal void ShowGhost(in GhostState state, long expiresAtTick, bool handingOff)
    {
        if (_directory.TryGetValue(state.NetworkId, out var shown))
        {
            if (!World.Has<Ghost>(shown))
            {
                return;
            }

            World.Set(shown, state.Position);
            ref var ghost = ref World.Get<Ghost>(shown);
            ghost = GhostOf(state, expiresAtTick, handingOff || ghost.HandingOff);
            return;
        }

        // The same character under another id (its other zone's ghost, or this zone's own copy on
        // its way out) is replaced in the same tick: a client never sees it twice, nor not at all.
        if (state.CharacterId != 0 && GhostsByCharacter.TryGetValue(state.CharacterId, out var older) && _directory.TryGetValue(older, out var olderGhost))
        {
            Forget(olderGhost, older);
        }

        var entity = World.Create(GameArchetypes.Ghost);
        World.Set(entity, state.Position);
        World.Set(entity, GhostOf(state, expiresAtTick, handingOff));
        World.Set(entity, new NetworkIdentity(state.NetworkId, 0));
        _directory.Add(state.NetworkId, entity);
        if (state.CharacterId != 0)
        {
            GhostsByCharacter[state.CharacterId] = state.NetworkId;
        }
    }

    /// <summary>Removes a ghost.</summary>
    internal void RemoveGhost(Entity entity)
    {
        var ghost = World.GetReadOnly<Ghost>(entity);
        var networkId = World.GetReadOnly<NetworkIdentity>(entity).Id;
        if (ghost.CharacterId != 0 && GhostsByCharacter.TryGetValue(ghost.CharacterId, out var indexed) && indexed == networkId)
        {
            GhostsByCharacter.Remove(ghost.CharacterId);
        }

        Forget(entity, networkId);
    }

    /// <summary>What a real player shows as a ghost (its own zone's copy on its way out, or a neighbour's).</summary>
    internal GhostState GhostOfPlayer(Entity player)
    {
        var worn = default(WornItems);
        var equipment = World.GetReadOnly<Equipment>(player);
        for (var i = 0; i < Equipment.SlotCount; i++)
        {
            worn[i] = equipment.Slots[i].ItemId;
        }

        var health = World.GetReadOnly<Health>(player);
        var who = World.GetReadOnly<Player>(player);
        return new GhostState(NetworkIdOf(player), who.CharacterId, WireEntityKind.Player, 0,
            World.GetReadOnly<Position>(player), World.GetReadOnly<Rotation>(player).Yaw, health.Current, health.Max)
        { Worn = worn, Name = who.Name };
    }

    private static Ghost GhostOf(in GhostState state, long expiresAtTick, bool handingOff) => new()
    {
        CharacterId = state.CharacterId,
        Kind = state.Kind,
        TypeId = state.TypeId,
        Yaw = state.Yaw,
        Health = state.Health,
        MaxHealth = state.MaxHealth,
        ExpiresAtTick = expiresAtTick,
        HandingOff = handingOff,
        Worn = state.Worn,
        Name = state.Name,
    };
}
