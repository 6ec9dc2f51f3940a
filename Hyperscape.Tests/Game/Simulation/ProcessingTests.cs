using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class ProcessingTests
{
    private static readonly Tile Range = new(30, 30);
    private SimulationHarness _harness = null!;

    [SetUp]
    public void CreateWorld() => _harness = new SimulationHarness(objects: [new WorldObjectSpawn(WorldObjectKind.Range, Range)]);

    private long Cook(Tile at, int cookingLevel, params (int Item, int Quantity)[] items) => _harness.Join(at, s =>
    {
        var skills = Skills.Starting();
        skills.AddXp(Skill.Cooking, XpTable.XpForLevel(cookingLevel) * 10);
        skills.AddXp(Skill.Firemaking, XpTable.XpForLevel(cookingLevel) * 10);
        return s with { Skills = skills, Inventory = SimulationHarness.InventoryOf(items) };
    });

    // OSRS values (the and the OSRS wiki's): firemaking logs 40 XP; cooking shrimps 30 XP
    // at level 1, stopping to burn at 34; lobster 120 at 40.
    [Test]
    public void The_default_items_light_and_cook_as_osrs_has_them()
    {
        var items = ItemCatalog.Standard;
        Assert.That(items[ItemIds.Logs].Burnable, Is.EqualTo(new Burnable(1, 400, ItemIds.Tinderbox, 65, 513) { AshesId = ItemIds.Ashes }));
        Assert.That(items[ItemIds.YewLogs].Burnable!.XpTenths, Is.EqualTo(2025));
        Assert.That(items[ItemIds.RawShrimps].Cookable, Is.EqualTo(new Cookable(ItemIds.Shrimps, ItemIds.BurntFish, 1, 300, 128, 512, 34)));
        Assert.That(items[ItemIds.RawLobster].Cookable!.Level, Is.EqualTo(40));
        Assert.That(items[ItemIds.RawShrimps].Cookable!.CookRoll(34), Is.EqualTo(256), "never burnt from the stop-burn level");
        Assert.That(items[ItemIds.RawShrimps].Cookable!.CookRoll(1), Is.EqualTo(129), "1 + 128 at level 1");
    }

    [Test]
    public void Logs_light_a_fire_where_the_player_stands_and_food_cooks_on_it_until_it_goes_out()
    {
        var player = Cook(new Tile(10, 10), 1, (ItemIds.Tinderbox, 1), (ItemIds.Logs, 1), (ItemIds.RawShrimps, 1), (ItemIds.RawShrimps, 1), (ItemIds.RawShrimps, 1));
        Assert.That(_harness.Do(PlayerAction.Light(player, 1)), Is.EqualTo(RejectionReason.None));
        for (var i = 0; i < 200 && _harness.Events(GameEventKind.Made).Count == 0; i++)
        {
            _harness.Step();
        }

        var lit = _harness.Events(GameEventKind.Made).Single();
        Assert.That((lit.Subject, lit.A, lit.C), Is.EqualTo((player, 0, (int)Skill.Firemaking)));
        Assert.That(_harness.TileOf(lit.Other), Is.EqualTo(new Tile(10, 10)), "the fire burns where the player stood");
        Assert.That(_harness.Get<Skills>(player).XpTenths(Skill.Firemaking), Is.EqualTo(XpTable.XpForLevel(1) * 10 + 400));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Logs), Is.Zero);
        Assert.That(_harness.Do(PlayerAction.Light(player, 0)), Is.EqualTo(RejectionReason.CannotMake), "a tinderbox does not burn");

        // Make-X: all three shrimps, one every 4 ticks, cooked or burnt.
        Assert.That(_harness.Do(PlayerAction.UseItemOnObject(player, 2, lit.Other)), Is.EqualTo(RejectionReason.None));
        _harness.Step(12);
        var cooked = _harness.Events(GameEventKind.Made).Count(e => e.C == (int)Skill.Cooking);
        var burnt = _harness.Events(GameEventKind.Burnt).Count;
        Assert.That(cooked + burnt, Is.EqualTo(3));
        var inventory = _harness.Get<Inventory>(player);
        Assert.That((InventoryRules.CountOf(inventory, ItemIds.Shrimps), InventoryRules.CountOf(inventory, ItemIds.BurntFish), InventoryRules.CountOf(inventory, ItemIds.RawShrimps)), Is.EqualTo((cooked, burnt, 0)));
        Assert.That(_harness.Get<Skills>(player).XpTenths(Skill.Cooking), Is.EqualTo(XpTable.XpForLevel(1) * 10 + (cooked * 300)), "30 XP a shrimp cooked, none burnt");

        _harness.Step(_harness.Sim.Context.Options.FireTicks);
        Assert.That(_harness.Sim.Context.TryResolve(lit.Other, out _), Is.False, "the fire went out");
        Assert.That(_harness.GroundItems().Select(g => (g.Item.ItemId, g.Item.Quantity, g.Tile)), Is.EqualTo(new[] { (ItemIds.Ashes, 1, new Tile(10, 10)) }), "and left ashes where it burnt");
        Assert.That(_harness.Events(GameEventKind.ItemsCreated).Count(e => e.A == ItemIds.Ashes && e.C == (int)ItemSource.Ashes), Is.EqualTo(1));
    }

    [Test]
    public void From_the_stop_burn_level_nothing_burns_and_a_range_cooks_too()
    {
        var player = Cook(new Tile(31, 30), 34, [.. Enumerable.Repeat((ItemIds.RawShrimps, 1), 20)]);
        Assert.That(_harness.Do(PlayerAction.UseItemOnObject(player, 0, _harness.NodeAt(Range), quantity: 15)), Is.EqualTo(RejectionReason.None));
        _harness.Step(100);
        Assert.That(_harness.Events(GameEventKind.Burnt), Is.Empty);
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Shrimps), Is.EqualTo(15), "make 15: exactly 15");
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.RawShrimps), Is.EqualTo(5));
    }

    [Test]
    public void Refusals_say_why()
    {
        var novice = Cook(new Tile(31, 31), 1, (ItemIds.RawLobster, 1), (ItemIds.Logs, 1), (ItemIds.Bones, 1));
        var range = _harness.NodeAt(Range);
        Assert.That(_harness.Do(PlayerAction.UseItemOnObject(novice, 0, range)), Is.EqualTo(RejectionReason.LevelTooLow), "lobsters need cooking 40");
        Assert.That(_harness.Do(PlayerAction.UseItemOnObject(novice, 2, range)), Is.EqualTo(RejectionReason.CannotMake), "bones do not cook");
        Assert.That(_harness.Do(PlayerAction.UseItemOnObject(novice, 0, 999_999)), Is.EqualTo(RejectionReason.TargetNotFound));
        Assert.That(_harness.Do(PlayerAction.Light(novice, 1)), Is.EqualTo(RejectionReason.NoTool), "no tinderbox");
        Assert.That(_harness.Do(PlayerAction.Light(novice, 2)), Is.EqualTo(RejectionReason.CannotMake));

        var far = Cook(new Tile(40, 40), 99, (ItemIds.RawShrimps, 1));
        Assert.That(_harness.Do(PlayerAction.UseItemOnObject(far, 0, range)), Is.EqualTo(RejectionReason.TargetTooFar));
    }
}
