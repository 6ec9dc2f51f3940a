using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// Bows: firing an arrow from the quiver when the target is within reach and sight (the hit
/// rolled now, landing after its flight), and the arrows recovered under the target, four in
/// five, joining their owner's pile on that tile. Owned by the <see cref="CombatSystem"/>.
/// </summary>
internal sealed class Archery
{
    private const int MinPruneAt = 1024;

    private readonly List<(Entity Shooter, long ShooterId, ItemStack Arrow, Tile At, long Transaction)> _dropped = [];

    // The pile each shooter's arrows of a kind make on a tile: a new arrow replaces the pile with
    // one a bigger (OSRS stacks them), so a long fight leaves one ground item, not hundreds.
    // Entries whose pile was picked up or despawned are found stale when next used, and pruned
    // when the table has doubled since it was last.
    private readonly Dictionary<(Tile At, long Owner, int Item), Entity> _piles = [];
    private readonly List<(Tile At, long Owner, int Item)> _stale = [];
    private int _pruneAt = MinPruneAt;

    /// <summary>
    /// Fires the bow: walks into reach and sight first (standing still once there), then, when the
    /// timer allows, one arrow from the quiver. The hit is rolled now and lands after its flight.
    /// </summary>
    public void Shoot(GameContext context, Entity attacker, Tile here, Tile there, ref CombatState combat, in CombatBonuses worn)
    {
        var world = context.World;
        var target = combat.Target;
        var distance = here.DistanceTo(there);
        var tick = context.Tick;
        if (!CombatSystem.CloseTo(context, attacker, target, here, there, RangedFormulas.Reach(worn.AttackRange, combat.Style)) || tick < combat.NextAttackTick)
        {
            return;
        }

        var attackerId = context.NetworkIdOf(attacker);
        ref var equipment = ref world.Get<Equipment>(attacker);
        var arrow = equipment.Slots[(int)EquipmentSlot.Ammo];
        var unusable = arrow.IsEmpty ? Actions.RejectionReason.NoAmmo
            : context.Items.TryGet(arrow.ItemId, out var ammo) && context.Items.TryGet(equipment.Slots[(int)EquipmentSlot.Weapon].ItemId, out var bow) && ammo.AmmoTier > bow.AmmoTier
                ? Actions.RejectionReason.AmmoTooStrong
                : Actions.RejectionReason.None;
        if (unusable != Actions.RejectionReason.None)
        {
            combat.Target = Entity.Null;
            context.Emit(new GameEvent(GameEventKind.ActionRejected, attackerId, A: (int)Actions.ActionKind.Attack, Reason: unusable));
            return;
        }

        var active = world.TryGet<PrayerState>(attacker, out var prayer) ? prayer.Active : 0;
        var level = PrayerRules.Boost(world.GetReadOnly<Skills>(attacker).Level(Skill.Ranged), PrayerRules.MissilePercentages(context.Prayers, active).Ranged);
        var attackRoll = RangedFormulas.AttackRoll(level, combat.Style, worn.Bonuses.RangedAttack);
        var defenderRoll = CombatSystem.DefenceRoll(context, target, AttackType.Ranged);
        var maxHit = RangedFormulas.MaxHit(level, combat.Style, worn.Bonuses.RangedStrength);
        var damage = context.Random.NextDouble() < CombatFormulas.HitChance(attackRoll, defenderRoll) ? context.Random.NextInclusive(0, maxHit) : 0;

        // One arrow leaves the quiver: four in five drop under the target (OSRS without an
        // Ava's device), the rest break. Either way one item transaction, shown once durable.
        equipment.Slots[(int)EquipmentSlot.Ammo] = arrow.Quantity == 1 ? default : new ItemStack(arrow.ItemId, arrow.Quantity - 1);
        var transaction = context.NewTransactionId();
        if (arrow.Quantity == 1)
        {
            context.EquipmentChanged(attacker);
        }

        context.Emit(new GameEvent(GameEventKind.EquipmentChanged, attackerId, Transaction: transaction));
        if (context.Random.Next(5) != 0)
        {
            _dropped.Add((attacker, attackerId, new ItemStack(arrow.ItemId, 1), there, transaction));
        }
        else
        {
            context.Emit(new GameEvent(GameEventKind.ItemsDestroyed, attackerId, A: arrow.ItemId, B: 1, C: (int)ItemSink.Broken, Transaction: transaction));
            context.RecordItems(transaction, ItemTransactionKind.Ammo, [attacker], [], []);
        }

        var delay = RangedFormulas.HitDelay(distance);
        context.Emit(new GameEvent(GameEventKind.Projectile, attackerId, context.NetworkIdOf(target), 1, arrow.ItemId, delay));
        context.PendingHits.Add(new PendingHit(attacker, target, damage, tick + delay, combat.Style, attackerId));
        combat.NextAttackTick = tick + RangedFormulas.AttackSpeed(worn.AttackSpeed, combat.Style);
        combat.InCombatUntilTick = tick + CombatFormulas.CombatTimeoutTicks;
    }

    /// <summary>Puts this tick's recovered arrows on the ground, each joining its owner's pile on its tile (after the combat walk).</summary>
    public void DropArrows(GameContext context)
    {
        foreach (var (shooter, shooterId, arrow, at, transaction) in _dropped)
        {
            var quantity = arrow.Quantity;
            var replaced = 0L;
            var key = (at, shooterId, arrow.ItemId);
            if (_piles.TryGetValue(key, out var old) && IsPile(context, old, key) && context.World.GetReadOnly<GroundItem>(old) is { Quantity: < int.MaxValue } lying)
            {
                // Taken up by its owner's new arrow, not destroyed: the new pile carries it on.
                quantity += lying.Quantity;
                replaced = context.NetworkIdOf(old);
                context.RemoveGroundItem(old, shooterId, transaction);
            }

            var pile = context.SpawnGroundItem(new ItemStack(arrow.ItemId, quantity), at, shooterId, transaction, source: null);
            _piles[key] = pile;
            context.RecordItems(transaction, ItemTransactionKind.Ammo, context.World.IsAlive(shooter) ? [shooter] : [], [pile], replaced == 0 ? [] : [replaced]);
        }

        _dropped.Clear();
        if (_piles.Count >= _pruneAt)
        {
            Prune(context);
        }
    }

    /// <summary>True while <paramref name="entity"/> is still the pile <paramref name="key"/> names: on the ground, on its tile, its owner's, of its item.</summary>
    private static bool IsPile(GameContext context, Entity entity, (Tile At, long Owner, int Item) key) =>
        context.World.IsAlive(entity) && context.World.TryGet<GroundItem>(entity, out var lying)
        && lying.ItemId == key.Item && lying.OwnerId == key.Owner && context.World.GetReadOnly<Position>(entity).Tile == key.At;

    /// <summary>
    /// Forgets the piles that were picked up or despawned, so a long-running server does not keep
    /// an entry for every tile an arrow ever fell on; it runs again when the live ones double.
    /// </summary>
    private void Prune(GameContext context)
    {
        foreach (var (key, pile) in _piles)
        {
            if (!IsPile(context, pile, key))
            {
                _stale.Add(key);
            }
        }

        foreach (var key in _stale)
        {
            _piles.Remove(key);
        }

        _stale.Clear();
        _pruneAt = Math.Max(MinPruneAt, 2 * _piles.Count);
    }
}
