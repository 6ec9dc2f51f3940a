namespace Hyperscape.Ecs.Game.Rules;

/// <summary>What an item is. Definitions are data: the catalog is a table, not code.</summary>
/// <param name="Id">The item id; 0 is never an item (it marks an empty slot).</param>
/// <param name="Name">Display name.</param>
/// <param name="Stackable">Stackable items share one slot up to <see cref="int.MaxValue"/>.</param>
/// <param name="Slot">The equipment slot, or null when the item cannot be worn.</param>
/// <param name="TwoHanded">A two-handed weapon also occupies the shield slot.</param>
/// <param name="AttackSpeed">Ticks between attacks for a weapon; 0 elsewhere.</param>
/// <param name="Heals">Health restored when eaten; 0 when the item is not food.</param>
/// <param name="Value">Base value in coins.</param>
public sealed record ItemDefinition(
    int Id,
    string Name,
    bool Stackable = false,
    EquipmentSlot? Slot = null,
    bool TwoHanded = false,
    int AttackSpeed = 0,
    int Heals = 0,
    int Value = 1)
{
    /// <summary>The string id content files name the item by (snake case, unique); its name in snake case unless given.</summary>
    public string Key { get; init; } = Content.ContentKey.Of(Name);

    /// <summary>The bonuses the item gives while worn.</summary>
    public EquipmentBonuses Bonuses { get; init; }

    /// <summary>For a weapon, its kind, which fixes its combat options.</summary>
    public WeaponCategory Weapon { get; init; }

    /// <summary>For a weapon, its reach in tiles: 1 for melee, a bow's own (shortbows 7) before longrange.</summary>
    public int AttackRange { get; init; } = 1;

    /// <summary>
    /// For arrows, their tier (bronze 1, iron 2, steel 3...); for a bow, the highest tier it fires
    /// (OSRS: a normal bow up to iron, an oak bow up to steel); 0 for anything else.
    /// </summary>
    public int AmmoTier { get; init; }

    /// <summary>Prayer XP in tenths for burying it (bones 45, big bones 150); 0 when it cannot be buried.</summary>
    public int BuryXpTenths { get; init; }

    /// <summary>The levels wielding or wearing the item needs; none when empty.</summary>
    public IReadOnlyList<SkillRequirement> Requirements { get; init; } = [];

    /// <summary>For a staff, the rune it provides without end while wielded (a staff of air: air runes); 0 otherwise.</summary>
    public int RuneSource { get; init; }

    /// <summary>For logs, how they light; null for anything else.</summary>
    public Burnable? Burnable { get; init; }

    /// <summary>For raw food, how it cooks; null for anything else.</summary>
    public Cookable? Cookable { get; init; }

    /// <summary>True for items that can be worn.</summary>
    public bool Equipable => Slot is not null;

    /// <summary>True for items that can be eaten.</summary>
    public bool Edible => Heals > 0;
}
