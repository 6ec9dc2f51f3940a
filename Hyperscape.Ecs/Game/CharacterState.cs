using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// Everything about a character that outlives a session: what a host loads to let a player in
/// and what it saves when the player leaves. Value semantics: a copy, not a view of the world.
/// </summary>
public sealed record CharacterState
{
    /// <summary>The persistent character id.</summary>
    public required long CharacterId { get; init; }

    /// <summary>The display name (at most 12 characters).</summary>
    public required string Name { get; init; }

    /// <summary>Where the character stands.</summary>
    public Position Position { get; init; }

    /// <summary>Current and maximum health.</summary>
    public Health Health { get; init; } = new(Components.Skills.StartingConstitution, Components.Skills.StartingConstitution);

    /// <summary>Levels and XP of every skill.</summary>
    public Skills Skills { get; init; } = Components.Skills.Starting();

    /// <summary>The 28 inventory slots.</summary>
    public Inventory Inventory { get; init; }

    /// <summary>The 11 equipment slots.</summary>
    public Equipment Equipment { get; init; }

    /// <summary>The melee style in use.</summary>
    public AttackStyle AttackStyle { get; init; }

    /// <summary>Fight back when attacked.</summary>
    public bool AutoRetaliate { get; init; } = true;

    /// <summary>Whether the character runs.</summary>
    public bool Running { get; init; }

    /// <summary>Prayer points left (a new character has its prayer level's worth: 1).</summary>
    public int PrayerPoints { get; init; } = 1;

    /// <summary>The prayers on, one bit per <see cref="Prayer"/>.</summary>
    public int ActivePrayers { get; init; }

    /// <summary>The spell its staff autocasts (0 none); kept only while a staff is wielded and the level allows it.</summary>
    public int Autocast { get; init; }

    /// <summary>The bank, slot by slot (at most <see cref="Banking.Bank.SlotCount"/>; trailing empty slots left out).</summary>
    public IReadOnlyList<ItemStack> Bank { get; init; } = [];

    /// <summary>
    /// Combat clocks, in ticks from the capture: carried by a hand-off to another world, never
    /// stored (a character loaded from storage has none).
    /// </summary>
    public CombatTimers CombatTimers { get; init; }

    /// <summary>Whether a death's drops are still owed (a death interrupted by a shutdown).</summary>
    public bool IsDead => Health.Current <= 0;
}
