namespace Hyperscape.Ecs.Game.Rules;

/// <summary>What an NPC type is: stats, behaviour and drops. Data, not code.</summary>
/// <param name="Id">The NPC type id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Attack">Attack level.</param>
/// <param name="Strength">Strength level.</param>
/// <param name="Defence">Defence level.</param>
/// <param name="Hitpoints">Maximum health.</param>
/// <param name="AttackSpeed">Ticks between attacks.</param>
/// <param name="Aggressive">Attacks players in range unprompted.</param>
/// <param name="Drops">What a kill leaves behind.</param>
public sealed record NpcDefinition(
    int Id,
    string Name,
    int Attack,
    int Strength,
    int Defence,
    int Hitpoints,
    int AttackSpeed,
    bool Aggressive,
    DropTable Drops)
{
    /// <summary>The string id content files name the NPC type by (snake case, unique); its name in snake case unless given.</summary>
    public string Key { get; init; } = Content.ContentKey.Of(Name);

    /// <summary>Its attack and defence bonuses per attack type, and its strength.</summary>
    public EquipmentBonuses Bonuses { get; init; }

    /// <summary>The shop it keeps (<see cref="ShopCatalog"/>), 0 for none. A shopkeeper cannot be attacked.</summary>
    public int ShopId { get; init; }

    /// <summary>Its magic level: what it defends against spells with, and casts with (1 unless the data says otherwise).</summary>
    public int Magic { get; init; } = 1;

    /// <summary>Its ranged level: what it shoots with, for an NPC whose attacks are ranged (1 unless the data says otherwise).</summary>
    public int Ranged { get; init; } = 1;

    /// <summary>How far its attacks reach (Chebyshev tiles, in sight): 1 for melee, more for an NPC that shoots or casts.</summary>
    public int AttackRange { get; init; } = 1;

    /// <summary>The max hit of its ranged or magic attacks (OSRS gives each such NPC its own); melee max hits follow from strength.</summary>
    public int MaxHit { get; init; }

    /// <summary>True for an NPC that attacks from a distance with arrows or spells.</summary>
    public bool AttacksFromAfar => AttackRange > 1;

    /// <summary>How its attacks land (crush unless the data says otherwise).</summary>
    public AttackType AttackType { get; init; } = AttackType.Crush;

    /// <summary>The combat level by the player formula, with its ranged and magic levels and prayer at 1.</summary>
    public int CombatLevel => Rules.CombatLevel.Compute(Attack, Strength, Defence, Hitpoints, Ranged, Magic, 1);
}
