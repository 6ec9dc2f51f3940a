using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Pipeline;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Resolves combat. First the projectiles due this tick land. Then every fighter whose attack
/// timer has run out attacks: in melee when its target stands cardinally adjacent, with a bow
/// (<see cref="Archery"/>) or a spell (<see cref="Spellcasting"/>) when its target is within reach
/// and sight, the hit landing after its flight. Hits roll against the OSRS accuracy
/// formula, damage is uniform from 0 to the max hit and never more than the target has left.
/// Players earn XP per point of damage; the one hit retaliates if it may.
/// </summary>
internal sealed class CombatSystem : IGameSystem
{
    private static readonly QueryDescription Fighters =
        new QueryDescription().WithAll<Position, CombatState, Health>().WithNone<Dying>();

    private readonly Query _fighters;
    private readonly Archery _archery = new();

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
        LandProjectiles(context);
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

        // After the walk: an arrow on the ground is an entity created, which the query must not see happen.
        _archery.DropArrows(context);
    }

    /// <summary>Lands the projectiles due this tick, in the order they were fired.</summary>
    private static void LandProjectiles(GameContext context)
    {
        var hits = context.PendingHits;
        var kept = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (hit.LandTick > context.Tick)
            {
                hits[kept++] = hit;
                continue;
            }

            var world = context.World;
            if (world.IsAlive(hit.Target) && !world.Has<Dying>(hit.Target) && !world.GetReadOnly<Health>(hit.Target).IsDead)
            {
                Hit(context, hit.Attacker, hit.AttackerId, hit.Target, hit.Damage, hit.Style, hit.Type, 0, hit.BaseXpTenths);
            }
        }

        hits.RemoveRange(kept, hits.Count - kept);
    }

    private void Engage(GameContext context, Entity attacker, in Position position, ref CombatState combat)
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
        if (world.TryGet<Npc>(attacker, out var npc) && context.Npcs[npc.DefinitionId].AttacksFromAfar)
        {
            FireFromAfar(context, attacker, here, there, ref combat, context.Npcs[npc.DefinitionId]);
            return;
        }

        if (world.TryGet<CombatBonuses>(attacker, out var worn))
        {
            var spell = combat.Spell != 0 ? combat.Spell : worn.Weapon == WeaponCategory.Staff ? combat.Autocast : 0;
            if (spell != 0 && context.Spells.TryGet(spell, out var definition))
            {
                Spellcasting.Cast(context, attacker, here, there, ref combat, worn, definition);
                return;
            }

            if (worn.Weapon == WeaponCategory.Bow)
            {
                _archery.Shoot(context, attacker, here, there, ref combat, worn);
                return;
            }
        }

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
        if (world.Has<Npc>(attacker) && world.TryGet<PrayerState>(target, out var prayer) && PrayerRules.Blocks(context.Prayers, prayer.Active, combat.AttackType))
        {
            damage = 0;
        }

        combat.NextAttackTick = tick + attackSpeed;
        combat.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
        Hit(context, attacker, context.NetworkIdOf(attacker), target, damage, combat.Style, combat.AttackType, targetSpeed);
    }

    /// <summary>
    /// An NPC's arrow or spell: within its reach and sight (its AI walks it there), at its speed,
    /// rolled from its ranged or magic level and bonus against the target's defence of that type,
    /// up to its own max hit; a protection prayer of the type blocks it whole. Lands after its flight.
    /// </summary>
    private static void FireFromAfar(GameContext context, Entity npc, Tile here, Tile there, ref CombatState combat, NpcDefinition definition)
    {
        var world = context.World;
        var target = combat.Target;
        var distance = here.DistanceTo(there);
        var tick = context.Tick;
        if (distance == 0 || distance > definition.AttackRange || !LineOfSight.Clear(context.Map, here, there) || tick < combat.NextAttackTick)
        {
            return;
        }

        var type = definition.AttackType;
        var level = type == AttackType.Magic ? definition.Magic : definition.Ranged;
        var attackRoll = CombatFormulas.Roll(level + CombatFormulas.NpcLevelBonus, definition.Bonuses.Attack(type));
        var defenceRoll = type == AttackType.Magic && world.Has<Player>(target)
            ? MagicDefenceOfPlayer(context, target)
            : DefenceRoll(context, target, type);
        var damage = context.Random.NextDouble() < CombatFormulas.HitChance(attackRoll, defenceRoll) ? context.Random.NextInclusive(0, definition.MaxHit) : 0;
        if (world.TryGet<PrayerState>(target, out var prayer) && PrayerRules.Blocks(context.Prayers, prayer.Active, type))
        {
            damage = 0;
        }

        var npcId = context.NetworkIdOf(npc);
        var delay = type == AttackType.Magic ? MagicFormulas.HitDelay(distance) : RangedFormulas.HitDelay(distance);
        context.Emit(new GameEvent(GameEventKind.Projectile, npcId, context.NetworkIdOf(target), type == AttackType.Magic ? 2 : 1, 0, delay));
        context.PendingHits.Add(new PendingHit(npc, target, damage, tick + delay, AttackStyle.Accurate, npcId, type));
        combat.NextAttackTick = tick + definition.AttackSpeed;
        combat.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
    }

    /// <summary>A player's roll against a spell: 70% magic and 30% defence (<see cref="MagicFormulas.PlayerDefenceRoll"/>).</summary>
    internal static int MagicDefenceOfPlayer(GameContext context, Entity player)
    {
        var world = context.World;
        var skills = world.GetReadOnly<Skills>(player);
        return MagicFormulas.PlayerDefenceRoll(skills.Level(Skill.Magic), skills.Level(Skill.Defense), world.GetReadOnly<CombatState>(player).Style, world.GetReadOnly<CombatBonuses>(player).Bonuses.Defence(AttackType.Magic));
    }

    /// <summary>
    /// True when the target is within <paramref name="reach"/> and in sight; the attacker then
    /// stands still. Otherwise it walks after the target.
    /// </summary>
    internal static bool CloseTo(GameContext context, Entity attacker, Entity target, Tile here, Tile there, int reach)
    {
        var world = context.World;
        var distance = here.DistanceTo(there);
        var inReach = distance > 0 && distance <= reach && LineOfSight.Clear(context.Map, here, there);
        if (world.TryGet<Movement>(attacker, out var movement))
        {
            ref var walking = ref world.Get<Movement>(attacker);
            if (inReach && movement.IsMoving)
            {
                walking.Stop();
            }
            else if (!inReach && movement.Follow != target)
            {
                walking.Stop();
                walking.Follow = target;
            }
        }

        return inReach;
    }

    /// <summary>A defender's roll against an attack of <paramref name="type"/>: an NPC's defence + 9, a player's + 8 and stance.</summary>
    internal static int DefenceRoll(GameContext context, Entity defender, AttackType type)
    {
        var world = context.World;
        if (world.TryGet<Npc>(defender, out var npc))
        {
            var definition = context.Npcs[npc.DefinitionId];
            return CombatFormulas.Roll(CombatFormulas.EffectiveDefence(definition.Defence, AttackStyle.Accurate, styleBonus: false), definition.Bonuses.Defence(type));
        }

        var roll = RollOf(context, defender, world.GetReadOnly<CombatState>(defender).Style, type, out _);
        return CombatFormulas.Roll(CombatFormulas.EffectiveDefence(roll.DefenceLevel, roll.Style, roll.StyleBonus), roll.DefenceBonus);
    }

    /// <summary>
    /// Lands <paramref name="damage"/> on <paramref name="target"/>: health, the combat timers, the
    /// event, retaliation, and the attacker's XP (by the style it attacked with).
    /// </summary>
    private static void Hit(GameContext context, Entity attacker, long attackerId, Entity target, int damage, AttackStyle style, AttackType type, int targetSpeed, int baseXpTenths = 0)
    {
        var world = context.World;
        var tick = context.Tick;
        ref var defence = ref world.Get<CombatState>(target);
        ref var health = ref world.Get<Health>(target);
        damage = Math.Min(damage, health.Current);
        health.Current -= damage;
        defence.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
        defence.LastAttacker = attacker;
        if (world.Has<Gathering>(target))
        {
            context.StopWork(target, Actions.RejectionReason.UnderAttack);
        }

        context.Emit(new GameEvent(GameEventKind.Damage, context.NetworkIdOf(target), attackerId, damage, health.Current));
        if (!world.IsAlive(attacker))
        {
            // The shooter left while the arrow flew: it still hits, but nobody retaliates or earns.
            return;
        }

        if (targetSpeed == 0)
        {
            targetSpeed = world.TryGet<Npc>(target, out var npc) ? context.Npcs[npc.DefinitionId].AttackSpeed
                : world.TryGet<CombatBonuses>(target, out var targetWorn) && targetWorn.AttackSpeed > 0 ? targetWorn.AttackSpeed : CombatFormulas.DefaultAttackSpeed;
        }

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

        if ((damage > 0 || baseXpTenths > 0) && world.Has<Player>(attacker))
        {
            AwardXp(context, attacker, attackerId, style, type, damage, baseXpTenths);
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
        var (attack, strength, defence) = PrayerRules.Percentages(context.Prayers, active);
        return new MeleeRoll(
            PrayerRules.Boost(skills.Level(Skill.Attack), attack),
            PrayerRules.Boost(skills.Level(Skill.Strength), strength),
            PrayerRules.Boost(skills.Level(Skill.Defense), defence),
            worn.Bonuses.Attack(type), worn.Bonuses.MeleeStrength, worn.Bonuses.Defence(type), style, StyleBonus: true);
    }

    private static void AwardXp(GameContext context, Entity player, long playerId, AttackStyle style, AttackType type, int damage, int baseXpTenths)
    {
        ref var skills = ref context.World.Get<Skills>(player);
        if (type == AttackType.Magic)
        {
            context.GainXp(ref skills, playerId, Skill.Magic, MagicFormulas.XpTenths(baseXpTenths, damage));
            if (damage == 0)
            {
                // A splash: the spell's base XP and nothing else.
                return;
            }
        }
        else if (type == AttackType.Ranged)
        {
            context.GainXp(ref skills, playerId, Skill.Ranged, RangedFormulas.RangedXpTenths(damage, style));
            if (RangedFormulas.DefenceXpTenths(damage, style) is > 0 and var defenceXp)
            {
                context.GainXp(ref skills, playerId, Skill.Defense, defenceXp);
            }
        }
        else if (style == AttackStyle.Controlled)
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
