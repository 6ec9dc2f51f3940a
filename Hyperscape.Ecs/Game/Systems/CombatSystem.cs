using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Resolves melee: every fighter whose target stands cardinally adjacent and whose attack timer
/// has run out swings once. Hits roll against the OSRS accuracy formula, damage is uniform from 0
/// to the max hit and never more than the target has left. Players earn XP per point of damage;
/// the one hit retaliates if it may.
/// </summary>
internal sealed class CombatSystem : IGameSystem
{
    private static readonly QueryDescription Fighters =
        new QueryDescription().WithAll<Position, CombatState, Health>().WithNone<Dying>();

    private readonly Query _fighters;

    /// <summary>Creates the system and resolves its query once.</summary>
    public CombatSystem(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _fighters = world.Query(Fighters);
    }

    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var chunk in _fighters.GetChunks())
        {
            var states = chunk.GetReadOnlySpan<CombatState>();
            var anyTarget = false;
            for (var i = 0; i < states.Length && !anyTarget; i++)
            {
                anyTarget = !states[i].Target.IsNull;
            }

            if (!anyTarget)
            {
                continue;
            }

            var entities = chunk.Entities;
            var positions = chunk.GetReadOnlySpan<Position>();
            var combats = chunk.GetSpan<CombatState>();
            for (var i = 0; i < combats.Length; i++)
            {
                if (!combats[i].Target.IsNull)
                {
                    Engage(context, entities[i], positions[i], ref combats[i]);
                }
            }
        }
    }

    private static void Engage(GameContext context, Entity attacker, in Position position, ref CombatState combat)
    {
        var world = context.World;
        var target = combat.Target;
        if (!world.IsAlive(target) || world.Has<Dying>(target) || world.GetReadOnly<Health>(target).IsDead)
        {
            combat.Target = Entity.Null;
            return;
        }

        var here = position.Tile;
        var there = world.GetReadOnly<Position>(target).Tile;
        if (!here.IsCardinallyAdjacentTo(there))
        {
            if (world.TryGet<Movement>(attacker, out var movement) && movement.Follow != target)
            {
                ref var walking = ref world.Get<Movement>(attacker);
                walking.Stop();
                walking.Follow = target;
            }

            return;
        }

        var tick = context.Tick;
        if (tick < combat.NextAttackTick)
        {
            return;
        }

        // The attacker's type picks its attack bonus and the defender's matching defence bonus.
        var attackerRoll = RollOf(context, attacker, combat.Style, combat.AttackType, out var attackSpeed);
        ref var defence = ref world.Get<CombatState>(target);
        var defenderRoll = RollOf(context, target, defence.Style, combat.AttackType, out var targetSpeed);
        var (chance, maxHit) = CombatFormulas.Evaluate(attackerRoll, defenderRoll);
        var damage = context.Random.NextDouble() < chance ? context.Random.NextInclusive(0, maxHit) : 0;

        // A protection prayer blocks an NPC's attacks of its kind whole; the swing still happens.
        if (world.Has<Npc>(attacker) && world.TryGet<PrayerState>(target, out var prayer) && PrayerRules.Blocks(prayer.Active, combat.AttackType))
        {
            damage = 0;
        }

        ref var health = ref world.Get<Health>(target);
        damage = Math.Min(damage, health.Current);
        health.Current -= damage;

        combat.NextAttackTick = tick + attackSpeed;
        combat.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
        defence.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
        defence.LastAttacker = attacker;
        if (world.Has<Gathering>(target))
        {
            context.StopWork(target, Actions.RejectionReason.UnderAttack);
        }

        var attackerId = context.NetworkIdOf(attacker);
        context.Emit(new GameEvent(GameEventKind.Damage, context.NetworkIdOf(target), attackerId, damage, health.Current));

        var fightsBack = world.Has<Npc>(target) || defence.AutoRetaliate;
        if (defence.Target.IsNull && fightsBack && health.Current > 0)
        {
            defence.Target = attacker;
            defence.NextAttackTick = Math.Max(defence.NextAttackTick, tick + CombatFormulas.RetaliationDelay(targetSpeed));
            if (world.Has<Movement>(target))
            {
                world.Get<Movement>(target).Follow = attacker;
            }
        }

        if (damage > 0 && world.Has<Player>(attacker))
        {
            AwardXp(context, attacker, attackerId, combat.Style, damage);
        }
    }

    /// <summary>
    /// The melee inputs of a player (skills, equipment, stance) or an NPC (its definition), with
    /// the attack and defence bonuses of <paramref name="type"/>, the type of the swing.
    /// </summary>
    private static MeleeRoll RollOf(GameContext context, Entity entity, AttackStyle style, AttackType type, out int attackSpeed)
    {
        var world = context.World;
        if (world.TryGet<Npc>(entity, out var npc))
        {
            var definition = context.Npcs[npc.DefinitionId];
            var own = definition.Bonuses;
            attackSpeed = definition.AttackSpeed;
            return new MeleeRoll(definition.Attack, definition.Strength, definition.Defence,
                own.Attack(type), own.MeleeStrength, own.Defence(type), AttackStyle.Accurate, StyleBonus: false);
        }

        ref readonly var skills = ref world.GetReadOnly<Skills>(entity);
        var worn = world.GetReadOnly<CombatBonuses>(entity);
        attackSpeed = worn.AttackSpeed > 0 ? worn.AttackSpeed : CombatFormulas.DefaultAttackSpeed;

        // Prayers raise the levels themselves, before the stance and the +8 (OSRS's order).
        var active = world.TryGet<PrayerState>(entity, out var prayer) ? prayer.Active : 0;
        var (attack, strength, defence) = PrayerRules.Percentages(active);
        return new MeleeRoll(
            PrayerRules.Boost(skills.Level(Skill.Attack), attack),
            PrayerRules.Boost(skills.Level(Skill.Strength), strength),
            PrayerRules.Boost(skills.Level(Skill.Defense), defence),
            worn.Bonuses.Attack(type), worn.Bonuses.MeleeStrength, worn.Bonuses.Defence(type), style, StyleBonus: true);
    }

    private static void AwardXp(GameContext context, Entity player, long playerId, AttackStyle style, int damage)
    {
        ref var skills = ref context.World.Get<Skills>(player);
        if (style == AttackStyle.Controlled)
        {
            var share = CombatFormulas.SharedXpTenths(damage);
            context.GainXp(ref skills, playerId, Skill.Attack, share);
            context.GainXp(ref skills, playerId, Skill.Strength, share);
            context.GainXp(ref skills, playerId, Skill.Defense, share);
        }
        else
        {
            var skill = style switch
            {
                AttackStyle.Aggressive => Skill.Strength,
                AttackStyle.Defensive => Skill.Defense,
                _ => Skill.Attack,
            };
            context.GainXp(ref skills, playerId, skill, CombatFormulas.StyleXpTenths(damage));
        }

        var hitpointLevels = context.GainXp(ref skills, playerId, Skill.Constitution, CombatFormulas.SharedXpTenths(damage));
        if (hitpointLevels > 0)
        {
            ref var health = ref context.World.Get<Health>(player);
            health.Max = skills.Level(Skill.Constitution);
            health.Current = Math.Min(health.Max, health.Current + hitpointLevels);
        }
    }
}
