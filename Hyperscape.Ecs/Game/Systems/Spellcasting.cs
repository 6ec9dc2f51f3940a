using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Combat spells: a cast within reach and sight uses up its runes (a staff provides its own),
/// rolls the hit against the target's magic defence and sends it flying. Called by the
/// <see cref="CombatSystem"/> for a single cast or a staff's autocast.
/// </summary>
internal static class Spellcasting
{
    /// <summary>
    /// Casts a spell: walks into reach and sight first, then, when the timer allows, uses up the
    /// runes (a wielded staff provides its own kind) and rolls the hit, which lands after its flight.
    /// A single cast ends the attack; an autocast goes on.
    /// </summary>
    public static void Cast(GameContext context, Entity attacker, Tile here, Tile there, ref CombatState combat, in CombatBonuses worn, SpellDefinition spell)
    {
        var world = context.World;
        var target = combat.Target;
        var tick = context.Tick;
        if (!CombatSystem.CloseTo(context, attacker, target, here, there, MagicFormulas.Reach) || tick < combat.NextAttackTick)
        {
            return;
        }

        var attackerId = context.NetworkIdOf(attacker);
        ref var inventory = ref world.Get<Inventory>(attacker);
        var staffRune = MagicActions.StaffRune(context, attacker);
        var magic = world.GetReadOnly<Skills>(attacker).Level(Skill.Magic);
        if (MagicActions.CanCast(context, attacker, spell) is not Actions.RejectionReason.None and var refusal)
        {
            // Out of runes, autocasting ends too (as in OSRS): a later fight is with the staff itself.
            var kind = combat.Spell != 0 ? Actions.ActionKind.CastSpell : Actions.ActionKind.SetAutocast;
            combat.Target = Entity.Null;
            combat.Spell = 0;
            combat.Autocast = kind == Actions.ActionKind.SetAutocast ? 0 : combat.Autocast;
            context.Emit(new GameEvent(GameEventKind.ActionRejected, attackerId, A: (int)kind, Reason: refusal));
            return;
        }

        var transaction = context.NewTransactionId();
        foreach (var rune in spell.Runes)
        {
            if (rune.ItemId != staffRune)
            {
                InventoryRules.TakeItems(ref inventory, rune.ItemId, rune.Quantity, InventoryRules.FindStack(inventory, rune.ItemId));
                context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, attackerId, A: rune.ItemId, B: rune.Quantity, C: (int)ItemSink.Cast, Transaction: transaction));
            }
        }

        context.Emit(new GameEvent(GameEventKind.InventoryChanged, attackerId, Transaction: transaction));
        context.RecordItems(transaction, ItemTransactionKind.Cast, [attacker], [], []);

        var active = world.TryGet<PrayerState>(attacker, out var prayer) ? prayer.Active : 0;
        var attackRoll = MagicFormulas.AttackRoll(PrayerRules.Boost(magic, PrayerRules.MissilePercentages(context.Prayers, active).Magic), worn.Bonuses.MagicAttack);
        var defenderRoll = world.TryGet<Npc>(target, out var npc)
            ? MagicFormulas.NpcDefenceRoll(context.Npcs[npc.DefinitionId].Magic, context.Npcs[npc.DefinitionId].Bonuses.Defence(AttackType.Magic))
            : CombatSystem.MagicDefenceOfPlayer(context, target);
        var maxHit = MagicFormulas.MaxHit(spell.MaxHit, worn.Bonuses.MagicDamage);
        var damage = context.Random.NextDouble() < CombatFormulas.HitChance(attackRoll, defenderRoll) ? context.Random.NextInclusive(0, maxHit) : 0;
        var delay = MagicFormulas.HitDelay(here.DistanceTo(there));
        context.Emit(new GameEvent(GameEventKind.Projectile, attackerId, context.NetworkIdOf(target), 2, spell.Id, delay));
        context.PendingHits.Add(new PendingHit(attacker, target, damage, tick + delay, combat.Style, attackerId, AttackType.Magic, spell.XpTenths));
        combat.NextAttackTick = tick + MagicFormulas.CastSpeed;
        combat.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
        if (combat.Spell != 0)
        {
            combat.Spell = 0;
            combat.Target = Entity.Null;
        }
    }
}
