using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>Every field of an action is hostile input: each bad value is refused with its reason and changes nothing.</summary>
public class ActionValidationTests
{
    private static readonly object[] BadActions =
    [
        new object[] { PlayerAction.Drop(0, -1), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Drop(0, 28), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Drop(0, int.MaxValue), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Drop(0, 27), RejectionReason.EmptySlot },
        new object[] { PlayerAction.Equip(0, int.MinValue), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Unequip(0, 11), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Unequip(0, -3), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Eat(0, 99), RejectionReason.InvalidSlot },
        new object[] { PlayerAction.Pickup(0, -5), RejectionReason.TargetNotFound },
        new object[] { PlayerAction.Attack(0, long.MaxValue), RejectionReason.TargetNotFound },
        new object[] { PlayerAction.Move(0, float.NaN, float.NaN), RejectionReason.InvalidCoordinates },
        new object[] { PlayerAction.Move(0, float.MaxValue, 0), RejectionReason.InvalidCoordinates },
        new object[] { PlayerAction.SetRun(0, true) with { Value = 2 }, RejectionReason.InvalidValue },
        new object[] { PlayerAction.SetAutoRetaliate(0, true) with { Value = -1 }, RejectionReason.InvalidValue },
        new object[] { PlayerAction.SetAttackStyle(0, 4), RejectionReason.InvalidValue },
        new object[] { PlayerAction.SetAttackStyle(0, 256), RejectionReason.InvalidValue },
        new object[] { PlayerAction.Emote(0, 0), RejectionReason.InvalidValue },
        new object[] { PlayerAction.Emote(0, 65), RejectionReason.InvalidValue },
        new object[] { PlayerAction.TradeOffer(0, 0, 5), RejectionReason.NoTrade },
        new object[] { PlayerAction.TradeAccept(0), RejectionReason.NoTrade },
        new object[] { new PlayerAction(0, (ActionKind)0), RejectionReason.UnknownAction },
        new object[] { new PlayerAction(0, (ActionKind)200), RejectionReason.UnknownAction },
    ];

    [TestCaseSource(nameof(BadActions))]
    public void Bad_input_is_refused_with_its_reason_and_changes_nothing(PlayerAction template, RejectionReason expected)
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(5, 5), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Coins, 10)) });
        var hashBefore = StateWithoutTick(harness, player);

        var result = harness.Do(template with { PlayerId = player });

        Assert.That(result, Is.EqualTo(expected));
        Assert.That(StateWithoutTick(harness, player), Is.EqualTo(hashBefore));
        var rejection = harness.Events(GameEventKind.ActionRejected).Single();
        Assert.That(rejection.A, Is.EqualTo((int)template.Kind));
    }

    [Test]
    public void Actions_for_unknown_or_non_player_entities_are_refused()
    {
        var harness = new SimulationHarness(items: [new GroundItemSpawn(ItemIds.Logs, 1, new Tile(3, 3))]);
        harness.Join(new Tile(5, 5));
        var groundItem = harness.GroundItems().Single().Id;

        Assert.That(harness.Do(PlayerAction.Move(123_456, 3, 3)), Is.EqualTo(RejectionReason.UnknownPlayer));
        Assert.That(harness.Do(PlayerAction.Move(groundItem, 3, 3)), Is.EqualTo(RejectionReason.UnknownPlayer), "an item cannot act");
    }

    [Test]
    public void A_flood_is_cut_at_what_was_queued_when_the_tick_began()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(5, 5));
        for (var i = 0; i < 10_000; i++)
        {
            harness.Act(PlayerAction.Emote(player, 1 + (i % 64)));
        }

        harness.Step();

        Assert.That(harness.Sim.PendingActions, Is.Zero);
        Assert.That(harness.Events(GameEventKind.EmotePlayed), Has.Count.EqualTo(10_000));
    }

    [Test]
    public void A_character_cannot_be_in_the_world_twice()
    {
        var harness = new SimulationHarness();
        var state = new Ecs.Game.CharacterState { CharacterId = 77, Name = "twice" };
        harness.Sim.Join(state);

        Assert.Throws<InvalidOperationException>(() => harness.Sim.Join(state));
        Assert.Throws<ArgumentException>(() => harness.Sim.Join(state with { CharacterId = 78, Name = "" }));
        Assert.Throws<ArgumentException>(() => harness.Sim.Join(state with { CharacterId = 79, Name = "thirteen char" }));
    }

    /// <summary>The player's state, field by field, as text: what a refused action must leave alone.</summary>
    private static string StateWithoutTick(SimulationHarness harness, long player)
    {
        var fields = new List<object>();
        var position = harness.Get<Position>(player);
        fields.AddRange([position.X, position.Y, position.Z, harness.Get<Health>(player), harness.Get<CombatState>(player), harness.Get<Emote>(player)]);
        var inventory = harness.Get<Inventory>(player);
        for (var i = 0; i < Inventory.SlotCount; i++)
        {
            fields.Add(inventory.Slots[i]);
        }

        var equipment = harness.Get<Equipment>(player);
        for (var i = 0; i < Equipment.SlotCount; i++)
        {
            fields.Add(equipment.Slots[i]);
        }

        var movement = harness.Get<Movement>(player);
        fields.AddRange([movement.Count, movement.Next, movement.Destination, movement.Follow, movement.Running, movement.HasDestination]);
        return string.Join("|", fields);
    }
}
