using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>Who an entity fights and when it may swing next. Ticks are simulation ticks.</summary>
public record struct CombatState
{
    /// <summary>The current target, or <see cref="Entity.Null"/>.</summary>
    public Entity Target;

    /// <summary>The entity that last hit this one.</summary>
    public Entity LastAttacker;

    /// <summary>The first tick at which the next attack may land.</summary>
    public long NextAttackTick;

    /// <summary>The first tick at which the player may eat again (one food per 3 ticks).</summary>
    public long NextEatTick;

    /// <summary>The entity counts as in combat until this tick (17 ticks after the last hit).</summary>
    public long InCombatUntilTick;

    /// <summary>The stance in use: its level bonus and where its XP goes.</summary>
    public AttackStyle Style;

    /// <summary>How this entity's attacks land: the chosen option's type, or an NPC's own.</summary>
    public AttackType AttackType;

    /// <summary>The combat option (button) chosen among the wielded weapon's; a player's only.</summary>
    public byte Option;

    /// <summary>Fight back when attacked.</summary>
    public bool AutoRetaliate;

    /// <summary>A spell cast once at the target (its id), 0 for none: after the cast the player stops.</summary>
    public int Spell;

    /// <summary>The spell a wielded staff casts at every attack (its id), 0 for none.</summary>
    public int Autocast;

    /// <summary>True while the entity is in combat at <paramref name="tick"/>.</summary>
    public readonly bool InCombat(long tick) => tick < InCombatUntilTick;
}
