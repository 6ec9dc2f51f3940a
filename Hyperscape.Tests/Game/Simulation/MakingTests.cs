using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

/// <summary>Smelting, smithing, fletching, crafting and runecrafting: recipes made at their stations, one make a recipe tick, or all at once.</summary>
public class MakingTests
{
    private static readonly Tile Furnace = new(20, 20);
    private static readonly Tile Anvil = new(24, 20);
    private static readonly Tile AirAltar = new(28, 20);
    private static readonly Tile MindAltar = new(32, 20);
    private SimulationHarness _harness = null!;

    [SetUp]
    public void CreateWorld() => _harness = new SimulationHarness(objects:
    [
        new WorldObjectSpawn(WorldObjectKind.Furnace, Furnace), new WorldObjectSpawn(WorldObjectKind.Anvil, Anvil),
        new WorldObjectSpawn(WorldObjectKind.RuneAltar, AirAltar, ItemIds.AirRune), new WorldObjectSpawn(WorldObjectKind.RuneAltar, MindAltar, ItemIds.MindRune),
    ]);

    private long Maker(Tile at, Skill skill, int level, params (int Item, int Quantity)[] items) => _harness.Join(at, s =>
    {
        var skills = Skills.Starting();
        skills.AddXp(skill, XpTable.XpForLevel(level) * 10);
        return s with { Skills = skills, Inventory = SimulationHarness.InventoryOf(items) };
    });

    private long Xp(long player, Skill skill) => _harness.Get<Skills>(player).XpTenths(skill);

    private long Carried(long player, int item) => InventoryRules.CountOf(_harness.Get<Inventory>(player), item);

    [Test]
    public void Ore_smelts_at_a_furnace_one_bar_every_four_ticks_until_the_ore_runs_out()
    {
        var player = Maker(new Tile(21, 20), Skill.Smithing, 1, (ItemIds.CopperOre, 1), (ItemIds.TinOre, 1), (ItemIds.CopperOre, 1), (ItemIds.TinOre, 1), (ItemIds.CopperOre, 1));
        var start = Xp(player, Skill.Smithing);
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeBar, _harness.NodeAt(Furnace))), Is.EqualTo(RejectionReason.None));
        _harness.Step(3);
        Assert.That(Carried(player, ItemIds.BronzeBar), Is.EqualTo(1), "the first at once");
        _harness.Step(4);
        Assert.That(Carried(player, ItemIds.BronzeBar), Is.EqualTo(2), "the second four ticks later");
        _harness.Step(8);
        Assert.That((Carried(player, ItemIds.BronzeBar), Carried(player, ItemIds.CopperOre), Carried(player, ItemIds.TinOre)), Is.EqualTo((2L, 1L, 0L)), "out of tin: done");
        Assert.That(Xp(player, Skill.Smithing) - start, Is.EqualTo(2 * 62), "6.2 XP a bronze bar");
        Assert.That(_harness.Get<Processing>(player).Active, Is.False);
        var made = _harness.Events(GameEventKind.Made);
        Assert.That(made.Select(e => (e.Other, e.A, e.B, e.C)), Has.All.EqualTo((_harness.NodeAt(Furnace), ItemIds.BronzeBar, 1, (int)Skill.Smithing)));
        Assert.That(_harness.Events(GameEventKind.GatheringStopped).Single().Reason, Is.EqualTo(RejectionReason.NoMaterials), "told why it stopped");
    }

    [Test]
    public void Iron_smelts_half_the_time_and_a_failure_loses_the_ore()
    {
        var player = Maker(new Tile(21, 20), Skill.Smithing, 15, [.. Enumerable.Repeat((ItemIds.IronOre, 1), 28)]);
        var start = Xp(player, Skill.Smithing);
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.IronBar, _harness.NodeAt(Furnace))), Is.EqualTo(RejectionReason.None));
        _harness.Step(28 * 4);
        var bars = Carried(player, ItemIds.IronBar);
        var failed = _harness.Events(GameEventKind.MakeFailed).Count;
        Assert.That(Carried(player, ItemIds.IronOre), Is.Zero);
        Assert.That(bars + failed, Is.EqualTo(28), "every ore smelted or lost");
        Assert.That(bars, Is.InRange(14 - 8, 14 + 8), "50%: within three standard deviations (2.6) of 14 in 28");
        Assert.That(Xp(player, Skill.Smithing) - start, Is.EqualTo(bars * 125), "12.5 XP a bar, none for a loss");
        Assert.That(_harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.C == (int)ItemSink.Made).Sum(e => e.B), Is.EqualTo(28));
    }

    [Test]
    public void A_bar_is_smithed_at_an_anvil_with_a_hammer_and_every_refusal_has_its_reason()
    {
        var anvil = _harness.NodeAt(Anvil);
        var player = Maker(new Tile(25, 20), Skill.Smithing, 4, (ItemIds.BronzeBar, 1), (ItemIds.BronzeBar, 1), (ItemIds.BronzeBar, 1));
        Assert.Multiple(() =>
        {
            Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeDagger, anvil)), Is.EqualTo(RejectionReason.NoTool), "no hammer");
            Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeDagger, _harness.NodeAt(Furnace))), Is.EqualTo(RejectionReason.CannotMake), "not at a furnace");
            Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.Coins, anvil)), Is.EqualTo(RejectionReason.CannotMake), "nothing makes coins");
            Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeDagger, 999_999)), Is.EqualTo(RejectionReason.TargetNotFound));
            Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeDagger, anvil, quantity: -1)), Is.EqualTo(RejectionReason.InvalidQuantity));
            Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.ArrowShaft, anvil)), Is.EqualTo(RejectionReason.InvalidTarget), "shafts need no station");
        });

        _harness.Edit<Inventory>(player).Slots[5] = new ItemStack(ItemIds.Hammer, 1);
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeScimitar, anvil)), Is.EqualTo(RejectionReason.LevelTooLow), "a scimitar is level 5");
        var far = Maker(new Tile(40, 40), Skill.Smithing, 1, (ItemIds.BronzeBar, 1), (ItemIds.Hammer, 1));
        Assert.That(_harness.Do(PlayerAction.Make(far, ItemIds.BronzeDagger, anvil)), Is.EqualTo(RejectionReason.TargetTooFar));

        // Make 2 of 3: two daggers, a bar left.
        var start = Xp(player, Skill.Smithing);
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.BronzeDagger, anvil, quantity: 2)), Is.EqualTo(RejectionReason.None));
        _harness.Step(20);
        Assert.That((Carried(player, ItemIds.BronzeDagger), Carried(player, ItemIds.BronzeBar), Carried(player, ItemIds.Hammer)), Is.EqualTo((2L, 1L, 1L)), "the hammer is kept");
        Assert.That(Xp(player, Skill.Smithing) - start, Is.EqualTo(2 * 125));
        Assert.That(_harness.Events(GameEventKind.GatheringStopped), Is.Empty, "a batch that finishes stops without a complaint");
    }

    [Test]
    public void Fletching_and_crafting_need_no_station_and_walking_away_stops_a_batch()
    {
        var player = Maker(new Tile(10, 10), Skill.Fletching, 1, (ItemIds.Knife, 1), (ItemIds.Logs, 1), (ItemIds.Logs, 1), (ItemIds.Logs, 1), (ItemIds.Feather, 100));
        var start = Xp(player, Skill.Fletching);
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.ArrowShaft)), Is.EqualTo(RejectionReason.None));
        _harness.Step(5);
        Assert.That(Carried(player, ItemIds.ArrowShaft), Is.EqualTo(30), "15 shafts a log, a log every 3 ticks");
        Assert.That(_harness.Do(PlayerAction.Move(player, 12, 10)), Is.EqualTo(RejectionReason.None));
        _harness.Step(10);
        Assert.That(Carried(player, ItemIds.Logs), Is.EqualTo(1), "walking off stopped the batch");
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.HeadlessArrow)), Is.EqualTo(RejectionReason.None));
        _harness.Step(6);
        Assert.That((Carried(player, ItemIds.HeadlessArrow), Carried(player, ItemIds.ArrowShaft), Carried(player, ItemIds.Feather)), Is.EqualTo((30L, 0L, 70L)));
        Assert.That(Xp(player, Skill.Fletching) - start, Is.EqualTo((2 * 50) + (2 * 150)), "5 XP a log of shafts, 15 a set of 15 headless arrows");

        var crafter = Maker(new Tile(12, 12), Skill.Crafting, 1, (ItemIds.Needle, 1), (ItemIds.Thread, 5), (ItemIds.Leather, 1));
        Assert.That(_harness.Do(PlayerAction.Make(crafter, ItemIds.LeatherBody)), Is.EqualTo(RejectionReason.LevelTooLow));
        Assert.That(_harness.Do(PlayerAction.Make(crafter, ItemIds.LeatherGloves)), Is.EqualTo(RejectionReason.None));
        _harness.Step(2);
        Assert.That((Carried(crafter, ItemIds.LeatherGloves), Carried(crafter, ItemIds.Thread), Xp(crafter, Skill.Crafting) - (XpTable.XpForLevel(1) * 10L)), Is.EqualTo((1L, 4L, 138L)));
    }

    [Test]
    public void An_altar_crafts_every_essence_at_once_into_its_own_rune_more_per_essence_at_higher_levels()
    {
        var player = Maker(new Tile(29, 20), Skill.Runecrafting, 11, [.. Enumerable.Repeat((ItemIds.RuneEssence, 1), 20)]);
        var start = Xp(player, Skill.Runecrafting);
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.MindRune, _harness.NodeAt(AirAltar))), Is.EqualTo(RejectionReason.CannotMake), "an air altar makes air runes only");
        Assert.That(_harness.Do(PlayerAction.Make(player, ItemIds.AirRune, _harness.NodeAt(AirAltar), quantity: 3)), Is.EqualTo(RejectionReason.None));
        _harness.Step(2);
        Assert.That((Carried(player, ItemIds.AirRune), Carried(player, ItemIds.RuneEssence)), Is.EqualTo((40L, 0L)), "all twenty, two runes each at level 11");
        Assert.That(Xp(player, Skill.Runecrafting) - start, Is.EqualTo(20 * 50), "5 XP an essence");
        Assert.That(_harness.Events(GameEventKind.Made).Single().B, Is.EqualTo(40));
    }
}
