using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class ItemActionTests
{
    [Test]
    public void Pickup_needs_range_and_room_and_moves_the_item_in_one_transaction()
    {
        var harness = new SimulationHarness(items: [new GroundItemSpawn(ItemIds.Coins, 40, new Tile(10, 10))]);
        var player = harness.Join(new Tile(10, 13));
        var coins = harness.GroundItems().Single().Id;

        Assert.That(harness.Do(PlayerAction.Pickup(player, coins)), Is.EqualTo(RejectionReason.TargetTooFar));
        harness.Edit<Position>(player) = Position.At(new Tile(11, 11));
        Assert.That(harness.Do(PlayerAction.Pickup(player, coins)), Is.EqualTo(RejectionReason.None));

        Assert.That(harness.Get<Inventory>(player).Slots[0], Is.EqualTo(new ItemStack(ItemIds.Coins, 40)));
        Assert.That(harness.GroundItems(), Is.Empty);
        var changed = harness.Events(GameEventKind.InventoryChanged).Single();
        var removed = harness.Events(GameEventKind.GroundItemRemoved).Single();
        Assert.That(removed.Other, Is.EqualTo(player));
        Assert.That(removed.Transaction, Is.EqualTo(changed.Transaction).And.Not.Zero);
        Assert.That(harness.Do(PlayerAction.Pickup(player, coins)), Is.EqualTo(RejectionReason.TargetNotFound), "already taken");
    }

    [Test]
    public void A_full_inventory_leaves_the_item_on_the_ground()
    {
        var harness = new SimulationHarness(items: [new GroundItemSpawn(ItemIds.Logs, 1, new Tile(10, 10))]);
        var player = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Bones, 28)) });

        Assert.That(harness.Do(PlayerAction.Pickup(player, harness.GroundItems().Single().Id)), Is.EqualTo(RejectionReason.InventoryFull));
        Assert.That(harness.GroundItems(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Dropped_items_are_protected_for_their_owner_then_free_then_despawn()
    {
        var harness = new SimulationHarness();
        var owner = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.IronSword, 1)) });
        var other = harness.Join(new Tile(10, 11));

        Assert.That(harness.Do(PlayerAction.Drop(owner, 0)), Is.EqualTo(RejectionReason.None));
        var dropped = harness.GroundItems().Single();
        var droppedAt = harness.Sim.Tick;
        Assert.That(dropped.Item.OwnerId, Is.EqualTo(owner));
        Assert.That(dropped.Tile, Is.EqualTo(new Tile(10, 10)));
        Assert.That(harness.Get<Inventory>(owner).Slots[0].IsEmpty, Is.True);

        Assert.That(harness.Do(PlayerAction.Pickup(other, dropped.Id)), Is.EqualTo(RejectionReason.NotYourItem));
        while (harness.Sim.Tick < droppedAt + 100)
        {
            harness.Step();
        }

        Assert.That(harness.Do(PlayerAction.Drop(other, 0)), Is.EqualTo(RejectionReason.EmptySlot));
        var redrop = harness.Do(PlayerAction.Pickup(other, dropped.Id));
        Assert.That(redrop, Is.EqualTo(RejectionReason.None), "protection over");
        Assert.That(harness.Do(PlayerAction.Drop(other, 0)), Is.EqualTo(RejectionReason.None));
        var again = harness.GroundItems().Single();
        var droppedAgainAt = harness.Sim.Tick;

        while (harness.Sim.Tick < droppedAgainAt + 300)
        {
            harness.Step();
        }

        Assert.That(harness.GroundItems(), Is.Empty);
        var destroyed = harness.Events(GameEventKind.ItemsDestroyed).Single();
        Assert.That(destroyed.Transaction, Is.Not.Zero, "a despawn is an item transaction too");
        Assert.That(destroyed, Is.EqualTo(new GameEvent(GameEventKind.ItemsDestroyed, again.Id, A: ItemIds.IronSword, B: 1, C: (int)ItemSink.Despawned, Transaction: destroyed.Transaction)));
    }

    [Test]
    public void Equipping_updates_the_combat_bonuses()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.SteelLongsword, 1), (ItemIds.Bones, 1)) });

        Assert.That(harness.Do(PlayerAction.Equip(player, 0)), Is.EqualTo(RejectionReason.LevelTooLow), "steel needs 5 attack; a new character has 1");
        Assert.That(harness.Events(GameEventKind.EquipmentChanged), Is.Empty);
        harness.Edit<Skills>(player).AddXp(Skill.Attack, XpTable.XpForLevel(5) * 10);
        Assert.That(harness.Do(PlayerAction.Equip(player, 0)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Get<CombatBonuses>(player), Is.EqualTo(new CombatBonuses(ItemCatalog.Standard[ItemIds.SteelLongsword].Bonuses, 5, WeaponCategory.Longsword)));
        Assert.That(harness.Do(PlayerAction.Equip(player, 1)), Is.EqualTo(RejectionReason.NotEquipable));
        Assert.That(harness.Do(PlayerAction.Unequip(player, (int)EquipmentSlot.Weapon)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Get<CombatBonuses>(player), Is.EqualTo(new CombatBonuses(default, 4, WeaponCategory.Unarmed)));
        Assert.That(harness.Events(GameEventKind.EquipmentChanged), Has.Count.EqualTo(2));
    }

    [Test]
    public void Eating_heals_up_to_max_destroys_the_food_and_delays_the_next_attack()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Lobster, 2), (ItemIds.Logs, 1)) });
        harness.Edit<Health>(player).Current = 3;

        Assert.That(harness.Do(PlayerAction.Eat(player, 0)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Get<Health>(player).Current, Is.EqualTo(10), "12 healed, capped at 10");
        Assert.That(harness.Get<Inventory>(player).Slots[0].IsEmpty, Is.True);
        Assert.That(harness.Get<CombatState>(player).NextAttackTick, Is.EqualTo(harness.Sim.Tick + 3));
        var eaten = harness.Events(GameEventKind.ItemsDestroyed).Single();
        Assert.That((eaten.A, eaten.B, eaten.C), Is.EqualTo((ItemIds.Lobster, 1, (int)ItemSink.Eaten)));
        Assert.That(harness.Events(GameEventKind.Healed).Single().A, Is.EqualTo(7));
        Assert.That(harness.Do(PlayerAction.Eat(player, 2)), Is.EqualTo(RejectionReason.NotEdible));
        Assert.That(harness.Do(PlayerAction.Eat(player, 0)), Is.EqualTo(RejectionReason.EmptySlot));
    }

    [Test]
    public void Eating_takes_one_food_per_three_ticks()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Shrimps, 3)) });
        harness.Edit<Health>(player).Current = 1;

        // Three shrimps queued for one tick: the first heals 3, the other two wait.
        harness.Act(PlayerAction.Eat(player, 0));
        harness.Act(PlayerAction.Eat(player, 1));
        harness.Act(PlayerAction.Eat(player, 2));
        harness.Step();
        Assert.That(harness.Get<Health>(player).Current, Is.EqualTo(4));
        Assert.That(harness.Events(GameEventKind.ActionRejected).Select(e => e.Reason), Is.EqualTo(new[] { RejectionReason.TooSoon, RejectionReason.TooSoon }));
        Assert.That(harness.Get<Inventory>(player).Slots[1].ItemId, Is.EqualTo(ItemIds.Shrimps), "a refused bite keeps its food");
        var eatenAt = harness.Sim.Tick;

        Assert.That(harness.Do(PlayerAction.Eat(player, 1)), Is.EqualTo(RejectionReason.TooSoon), "one tick later");
        Assert.That(harness.Do(PlayerAction.Eat(player, 1)), Is.EqualTo(RejectionReason.TooSoon), "two ticks later");
        Assert.That(harness.Sim.Tick - eatenAt, Is.EqualTo(2));
        Assert.That(harness.Do(PlayerAction.Eat(player, 1)), Is.EqualTo(RejectionReason.None), "three ticks later");
        Assert.That(harness.Get<Health>(player).Current, Is.EqualTo(7));
    }
}
