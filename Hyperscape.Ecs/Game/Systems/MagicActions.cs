using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// The spell actions: a single cast at an NPC, and choosing the spell a staff autocasts. Each
/// validates what it can now (the spell, the level, the runes, the staff, the target); the
/// combat phase casts when the target is in reach and sight, and checks the runes again then.
/// </summary>
internal static class MagicActions
{
    /// <summary>Cast a spell once at an NPC.</summary>
    public static RejectionReason CastSpell(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (!context.Spells.TryGet(action.Value, out var spell))
        {
            return RejectionReason.InvalidValue;
        }

        if (CanCast(context, player, spell) is not RejectionReason.None and var cannot)
        {
            return cannot;
        }

        if (ActionSystem.AttackableTarget(context, player, action.Target, out var target) is not RejectionReason.None and var refused)
        {
            return refused;
        }

        ref var combat = ref world.Get<CombatState>(player);
        combat.Target = target;
        combat.Spell = spell.Id;
        world.Get<Movement>(player).Stop();
        return RejectionReason.None;
    }

    /// <summary>Autocast a spell with the wielded staff; 0 stops.</summary>
    public static RejectionReason SetAutocast(GameContext context, Entity player, int spellId)
    {
        var world = context.World;
        ref var combat = ref world.Get<CombatState>(player);
        if (spellId == 0)
        {
            combat.Autocast = 0;
            return RejectionReason.None;
        }

        if (!context.Spells.TryGet(spellId, out var spell))
        {
            return RejectionReason.InvalidValue;
        }

        if (world.GetReadOnly<CombatBonuses>(player).Weapon != WeaponCategory.Staff)
        {
            return RejectionReason.NoStaff;
        }

        if (world.GetReadOnly<Skills>(player).Level(Skill.Magic) < spell.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        combat.Autocast = spell.Id;
        return RejectionReason.None;
    }

    /// <summary>Why the player cannot cast the spell now (level, runes; a wielded staff provides its rune), or None.</summary>
    internal static RejectionReason CanCast(GameContext context, Entity player, SpellDefinition spell)
    {
        var world = context.World;
        if (world.GetReadOnly<Skills>(player).Level(Skill.Magic) < spell.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        var staffRune = StaffRune(context, player);
        foreach (var rune in spell.Runes)
        {
            if (rune.ItemId != staffRune && InventoryRules.CountOf(world.GetReadOnly<Inventory>(player), rune.ItemId) < rune.Quantity)
            {
                return RejectionReason.NoRunes;
            }
        }

        return RejectionReason.None;
    }

    /// <summary>The rune the player's wielded staff provides, 0 for none.</summary>
    internal static int StaffRune(GameContext context, Entity player) =>
        context.Items.TryGet(context.World.GetReadOnly<Equipment>(player).Slots[(int)EquipmentSlot.Weapon].ItemId, out var staff) ? staff.RuneSource : 0;
}
