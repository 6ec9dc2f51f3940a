using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game;

/// <summary>Everything a <see cref="Simulation"/> is built from. Same options and seed, same world.</summary>
public sealed record SimulationOptions
{
    /// <summary>Seeds every random roll (hits, damage, drops, wandering).</summary>
    public long Seed { get; init; }

    /// <summary>A game tick as OSRS has it: 600 ms.</summary>
    public static readonly TimeSpan DefaultTickLength = TimeSpan.FromMilliseconds(600);

    /// <summary>The length of a game tick (<see cref="DefaultTickLength"/>). Shorter only makes game time pass faster (tests do).</summary>
    public TimeSpan TickLength { get; init; } = DefaultTickLength;

    /// <summary>An embedder's systems, each placed before or after a built-in phase of the tick.</summary>
    public IReadOnlyList<SystemRegistration> Systems { get; init; } = [];

    /// <summary>The walkability grid.</summary>
    public required TileMap Map { get; init; }

    // Read on first use, not at construction: the content reader builds options itself, and the
    // standard catalogs are content too.
    private readonly ItemCatalog? _items;
    private readonly NpcCatalog? _npcs;

    /// <summary>Item definitions (<see cref="ItemCatalog.Standard"/> unless given).</summary>
    public ItemCatalog Items { get => _items ?? ItemCatalog.Standard; init => _items = value; }

    /// <summary>NPC definitions (<see cref="NpcCatalog.Standard"/> unless given).</summary>
    public NpcCatalog Npcs { get => _npcs ?? NpcCatalog.Standard; init => _npcs = value; }

    /// <summary>Water on the map (blocked like walls; fishing spots stand in it), for clients to draw.</summary>
    public IReadOnlyList<TileArea> Water { get; init; } = [];

    /// <summary>Fixed objects: bank booths, furnaces, anvils, ranges. Each blocks its tile (the content reader blocks it).</summary>
    public IReadOnlyList<WorldObjectSpawn> Objects { get; init; } = [];

    /// <summary>Shops, kept by NPCs whose type names one; none unless given.</summary>
    public ShopCatalog Shops { get; init; } = ShopCatalog.Empty;

    /// <summary>Resource types (trees, rocks, fishing spots); none unless given.</summary>
    public ResourceCatalog Resources { get; init; } = ResourceCatalog.Empty;

    /// <summary>Recipes (smelting, smithing, fletching, crafting, runecrafting); none unless given.</summary>
    public RecipeCatalog Recipes { get; init; } = RecipeCatalog.Empty;

    private readonly PrayerBook? _prayers;

    /// <summary>Prayers (<see cref="PrayerBook.Standard"/> unless given).</summary>
    public PrayerBook Prayers { get => _prayers ?? PrayerBook.Standard; init => _prayers = value; }

    /// <summary>Combat spells; none unless given.</summary>
    public SpellBook Spells { get; init; } = SpellBook.Empty;

    /// <summary>Agility courses; the world places an obstacle object for each of their obstacles.</summary>
    public IReadOnlyList<AgilityCourse> AgilityCourses { get; init; } = [];

    /// <summary>Resource nodes: each of a type of <see cref="Resources"/>, on its tile.</summary>
    public IReadOnlyList<ResourceSpawn> ResourceSpawns { get; init; } = [];

    /// <summary>NPC spawn points.</summary>
    public IReadOnlyList<NpcSpawnPoint> NpcSpawns { get; init; } = [];

    /// <summary>Items on the ground at start-up.</summary>
    public IReadOnlyList<GroundItemSpawn> GroundItems { get; init; } = [];

    /// <summary>Altars: a player standing next to one (or on it) may pray there, back to full prayer points.</summary>
    public IReadOnlyList<Tile> Altars { get; init; } = [];

    /// <summary>Where new characters appear and the dead respawn.</summary>
    public Tile PlayerSpawn { get; init; }

    /// <summary>What a new character carries: a bronze sword, a wooden shield, five shrimps and 25 coins by default.</summary>
    public IReadOnlyList<ItemStack> StarterItems { get; init; } =
    [
        new(ItemIds.BronzeSword, 1), new(ItemIds.WoodenShield, 1), new(ItemIds.Shrimps, 5), new(ItemIds.Coins, 25),
    ];

    /// <summary>Ticks a lit fire burns (OSRS fires last about a minute to two).</summary>
    public int FireTicks { get; init; } = 150;

    /// <summary>Ticks a dropped item stays visible only to its owner.</summary>
    public int GroundItemProtectionTicks { get; init; } = 100;

    /// <summary>Ticks before a dropped item disappears.</summary>
    public int GroundItemDespawnTicks { get; init; } = 300;

    /// <summary>Ticks a gravestone stays closed to everyone but its owner (1,500: 15 minutes, as in Hyperscape).</summary>
    public int GravestoneTicks { get; init; } = 1500;

    /// <summary>Ticks the items of a broken gravestone lie on the ground before they disappear (6,000: an hour).</summary>
    public int BrokenGravestoneDespawnTicks { get; init; } = 6000;

    /// <summary>Ticks between dying and respawning.</summary>
    public int DeathAnimationTicks { get; init; } = 7;

    /// <summary>How close two players must stand to trade (Chebyshev tiles).</summary>
    public int TradeRange { get; init; } = 10;

    /// <summary>How close a player must stand to pick an item up.</summary>
    public int PickupRange { get; init; } = 1;

    /// <summary>How far away a player may start an attack on an NPC.</summary>
    public int AttackRange { get; init; } = 32;

    /// <summary>
    /// The ids this instance hands out (network ids, transaction ids, death ids) all come from one
    /// counter starting here. A host that persists ids starts past the largest one stored, so ids
    /// stay unique across restarts and a ground item's network id doubles as its storage id.
    /// </summary>
    public long FirstId { get; init; } = 1;

    /// <summary>
    /// Record every item transaction (see <see cref="Simulation.ItemTransactions"/>). Set by
    /// <see cref="Server.GameServer"/> together with the sync's hold, when it has storage: never
    /// one without the other.
    /// </summary>
    internal bool RecordItemTransactions { get; init; }

    /// <summary>Options of the ECS store.</summary>
    public WorldOptions Store { get; init; } = WorldOptions.Default;

    /// <summary>Checks the options that cannot be checked by their types; throws with what is wrong.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Map);
        if (TickLength <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TickLength), TickLength, "A tick lasts some time.");
        }

        if (GravestoneTicks <= 0 || BrokenGravestoneDespawnTicks <= 0)
        {
            throw new ArgumentOutOfRangeException(GravestoneTicks <= 0 ? nameof(GravestoneTicks) : nameof(BrokenGravestoneDespawnTicks), "A gravestone stands, and its items lie, for at least a tick.");
        }

        foreach (var spawn in ResourceSpawns)
        {
            ArgumentNullException.ThrowIfNull(spawn);
            if (!Resources.TryGet(spawn.DefinitionId, out _) || !Map.Contains(spawn.Tile) || spawn.Moves.Any(m => !Map.Contains(m)))
            {
                throw new ArgumentException($"Resource node {spawn.DefinitionId} at {spawn.Tile} names an unknown type or lies off the map.", nameof(ResourceSpawns));
            }
        }

        foreach (var placed in Objects)
        {
            if (!Map.Contains(placed.Tile) || !Enum.IsDefined(placed.Kind))
            {
                throw new ArgumentException($"The {placed.Kind} at {placed.Tile} is off the map or of no known kind.", nameof(Objects));
            }
        }

        foreach (var altar in Altars)
        {
            if (!Map.Contains(altar))
            {
                throw new ArgumentException($"The altar at {altar} is off the map.", nameof(Altars));
            }
        }

        var builtIn = Enum.GetValues<TickPhase>().Select(p => p == TickPhase.NpcAi ? "npc-ai" : p.ToString().ToLowerInvariant());
        var names = new HashSet<string>(builtIn, StringComparer.Ordinal);
        foreach (var system in Systems)
        {
            ArgumentNullException.ThrowIfNull(system);
            if (string.IsNullOrEmpty(system.Name) || !system.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw new ArgumentException($"A system's name is lowercase letters, digits and '-', not '{system.Name}'.", nameof(Systems));
            }

            if (!names.Add(system.Name))
            {
                throw new ArgumentException($"Two phases are named '{system.Name}'.", nameof(Systems));
            }

            if (!Enum.IsDefined(system.Anchor) || !Enum.IsDefined(system.Placement))
            {
                throw new ArgumentException($"System '{system.Name}' is placed next to no built-in phase.", nameof(Systems));
            }
        }
    }

    /// <summary>
    /// A small playable world: 256 × 256 tiles with a few walls, an altar, NPCs of every standard
    /// type around the spawn point and some items on the ground, read from the library's
    /// content files (see <see cref="Content.GameContent"/>).
    /// </summary>
    public static SimulationOptions CreateDefault(long seed = 1) =>
        Content.GameContent.Read(Content.GameContent.DefaultFiles, Content.ContentIds.Empty).World with { Seed = seed };
}
