using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class GatheringTests
{
    private static readonly Tile TreeTile = new(20, 20);
    private static readonly Tile OakTile = new(30, 20);
    private static readonly Tile RockTile = new(20, 30);
    private static readonly Tile SpotTile = new(40, 40);

    private SimulationHarness _harness = null!;

    [SetUp]
    public void CreateWorld() => _harness = new SimulationHarness(resources:
    [
        new ResourceSpawn(SimulationHarness.ResourceType("tree"), TreeTile, []),
        new ResourceSpawn(SimulationHarness.ResourceType("oak"), OakTile, []),
        new ResourceSpawn(SimulationHarness.ResourceType("copper_rock"), RockTile, []),
        new ResourceSpawn(SimulationHarness.ResourceType("net_fishing_spot"), SpotTile, [new Tile(44, 40)]),
    ]);

    private long Woodcutter(Tile at, int level = 1, params (int Item, int Quantity)[] items) => _harness.Join(at, s => s with
    {
        Skills = WithLevel(Skill.Woodcutting, level),
        Inventory = SimulationHarness.InventoryOf([(ItemIds.BronzeAxe, 1), .. items]),
    });

    private static Skills WithLevel(Skill skill, int level)
    {
        var skills = Skills.Starting();
        skills.AddXp(skill, XpTable.XpForLevel(level) * 10);
        return skills;
    }

    [Test]
    public void A_player_walks_to_a_tree_chops_a_log_gains_xp_and_the_tree_falls_and_regrows()
    {
        var player = Woodcutter(new Tile(10, 20));
        var tree = _harness.NodeAt(TreeTile);
        Assert.That(_harness.Do(PlayerAction.Interact(player, tree)), Is.EqualTo(RejectionReason.None));

        for (var i = 0; i < 200 && _harness.Events(GameEventKind.Gathered).Count == 0; i++)
        {
            _harness.Step();
        }

        Assert.That(_harness.TileOf(player).DistanceTo(TreeTile), Is.EqualTo(1), "walked beside the tree");
        var gathered = _harness.Events(GameEventKind.Gathered).Single();
        Assert.That((gathered.Subject, gathered.Other, gathered.A, gathered.B, gathered.C), Is.EqualTo((player, tree, ItemIds.Logs, 1, (int)Skill.Woodcutting)));
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.Logs), Is.EqualTo(1));
        Assert.That(_harness.Get<Skills>(player).XpTenths(Skill.Woodcutting), Is.EqualTo(250), "logs give 25 XP");

        // A normal tree gives one log and falls; the player is told, and nobody can chop the stump.
        Assert.That(_harness.Events(GameEventKind.ResourceDepleted).Single().Subject, Is.EqualTo(tree));
        var stopped = _harness.Events(GameEventKind.GatheringStopped).Single();
        Assert.That((stopped.Subject, stopped.Reason), Is.EqualTo((player, RejectionReason.None)));
        Assert.That(_harness.Get<Gathering>(player).Active, Is.False);
        Assert.That(_harness.Do(PlayerAction.Interact(player, tree)), Is.EqualTo(RejectionReason.Depleted));

        // It regrows after its respawn time, and can be chopped again.
        var respawnTicks = ResourceCatalog.Standard[SimulationHarness.ResourceType("tree")].RespawnTicks;
        _harness.Step(respawnTicks);
        Assert.That(_harness.Get<ResourceNode>(tree).Depleted, Is.False);
        Assert.That(_harness.Do(PlayerAction.Interact(player, tree)), Is.EqualTo(RejectionReason.None));
    }

    [Test]
    public void Rolls_come_every_few_ticks_at_the_level_and_tool_odds()
    {
        // Shrimps with a small net at fishing 1: a roll of 1 + 48 = 49 out of 256 every 5 ticks.
        // The spot is kept from moving, so every roll of the 50 ticks after each start counts.
        var player = _harness.Join(new Tile(39, 40), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.SmallFishingNet, 1)) });
        var spot = _harness.NodeAt(SpotTile);
        var rollTicks = ResourceCatalog.Standard[SimulationHarness.ResourceType("net_fishing_spot")].RollTicks;
        var rolls = 0;
        var successes = 0;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            _harness.Edit<Inventory>(player) = SimulationHarness.InventoryOf((ItemIds.SmallFishingNet, 1));
            _harness.Edit<ResourceNode>(spot).MoveAtTick = 0;
            Assert.That(_harness.Do(PlayerAction.Interact(player, spot)), Is.EqualTo(RejectionReason.None));
            var firstRoll = _harness.Sim.Tick + 1;
            for (var t = 0; t < 10 * rollTicks; t++)
            {
                var before = _harness.Log.Count;
                _harness.Step();
                var caught = _harness.Log.Skip(before).Count(e => e.Kind == GameEventKind.Gathered);
                Assert.That(caught == 0 || (_harness.Sim.Tick - firstRoll) % rollTicks == 0, Is.True, $"a catch at tick {_harness.Sim.Tick}, off the rhythm");
                successes += caught;
            }

            rolls += 10;
        }

        var p = GatheringRules.SuccessChance(48, 256, 1);
        Assert.That(p, Is.EqualTo(49 / 256.0));
        var sigma = Math.Sqrt(p * (1 - p) / rolls);
        Assert.That(successes / (double)rolls, Is.EqualTo(p).Within(4 * sigma), $"{successes} catches in {rolls} rolls");
        Assert.That(_harness.Get<Skills>(player).XpTenths(Skill.Fishing), Is.EqualTo(successes * 100), "10 XP a shrimp");
    }

    [Test]
    public void Refusals_say_why_and_change_nothing()
    {
        var noAxe = _harness.Join(new Tile(10, 10));
        Assert.That(_harness.Do(PlayerAction.Interact(noAxe, _harness.NodeAt(TreeTile))), Is.EqualTo(RejectionReason.NoTool));
        Assert.That(_harness.Get<Gathering>(noAxe).Active, Is.False);

        var low = Woodcutter(new Tile(12, 10));
        Assert.That(_harness.Do(PlayerAction.Interact(low, _harness.NodeAt(OakTile))), Is.EqualTo(RejectionReason.LevelTooLow));
        Assert.That(_harness.Do(PlayerAction.Interact(low, 999_999)), Is.EqualTo(RejectionReason.TargetNotFound));
        Assert.That(_harness.Do(PlayerAction.Interact(low, noAxe)), Is.EqualTo(RejectionReason.TargetNotFound), "a player is not a resource");
        Assert.That(_harness.Do(PlayerAction.Interact(low, _harness.NodeAt(RockTile))), Is.EqualTo(RejectionReason.NoTool), "an axe mines nothing");
        Assert.That(_harness.Events(GameEventKind.Gathered), Is.Empty);
    }

    [Test]
    public void A_full_inventory_stops_gathering_with_its_reason()
    {
        // A fishing spot never runs out, so only the inventory can end this: one slot is free.
        var player = _harness.Join(new Tile(39, 40), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.SmallFishingNet, 1)) });
        ref var inventory = ref _harness.Edit<Inventory>(player);
        for (var i = 1; i < Inventory.SlotCount - 1; i++)
        {
            inventory.Slots[i] = new ItemStack(ItemIds.Bones, 1);
        }

        Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(SpotTile))), Is.EqualTo(RejectionReason.None));
        _harness.Step(200);

        Assert.That(_harness.Get<Inventory>(player).Slots[Inventory.SlotCount - 1], Is.EqualTo(new ItemStack(ItemIds.RawShrimps, 1)));
        Assert.That(_harness.Events(GameEventKind.Gathered), Has.Count.EqualTo(1));
        var stopped = _harness.Events(GameEventKind.GatheringStopped).Single();
        Assert.That((stopped.Subject, stopped.Reason), Is.EqualTo((player, RejectionReason.InventoryFull)));
        Assert.That(_harness.Do(PlayerAction.Interact(player, _harness.NodeAt(SpotTile))), Is.EqualTo(RejectionReason.InventoryFull));
    }

    [Test]
    public void Walking_off_or_being_attacked_interrupts_gathering()
    {
        var player = Woodcutter(new Tile(29, 20), level: 15);
        var oak = _harness.NodeAt(OakTile);
        _harness.Do(PlayerAction.Interact(player, oak));
        Assert.That(_harness.Get<Gathering>(player).Active, Is.True);
        _harness.Do(PlayerAction.Move(player, 25, 25));
        Assert.That(_harness.Get<Gathering>(player).Active, Is.False, "walking away ends it");
        Assert.That(_harness.Events(GameEventKind.GatheringStopped), Is.Empty, "the player chose to: nothing to tell");

        var goblinHarness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Goblin, new Tile(28, 21))], resources: [new ResourceSpawn(SimulationHarness.ResourceType("oak"), OakTile, [])]);
        var victim = goblinHarness.Join(new Tile(29, 20), s => s with { Skills = WithLevel(Skill.Woodcutting, 15), Inventory = SimulationHarness.InventoryOf((ItemIds.BronzeAxe, 1)) });
        goblinHarness.Do(PlayerAction.Interact(victim, goblinHarness.NodeAt(OakTile)));
        goblinHarness.Step(30);
        var interrupted = goblinHarness.Events(GameEventKind.GatheringStopped).Where(e => e.Reason == RejectionReason.UnderAttack).ToList();
        Assert.That(interrupted, Is.Not.Empty, "the aggressive goblin's swing ends the chopping");
    }

    [Test]
    public void Fishing_spots_move_and_never_run_out()
    {
        var player = _harness.Join(new Tile(39, 40), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.SmallFishingNet, 1)) });
        var spot = _harness.NodeAt(SpotTile);
        Assert.That(_harness.Do(PlayerAction.Interact(player, spot)), Is.EqualTo(RejectionReason.None));
        _harness.Step(100);
        Assert.That(_harness.Events(GameEventKind.Gathered).Count, Is.GreaterThan(2), "shrimps keep coming: the spot never depletes");
        Assert.That(_harness.Events(GameEventKind.ResourceDepleted), Is.Empty);
        Assert.That(InventoryRules.CountOf(_harness.Get<Inventory>(player), ItemIds.RawShrimps), Is.EqualTo(_harness.Events(GameEventKind.Gathered).Count));

        var moveTicks = ResourceCatalog.Standard[SimulationHarness.ResourceType("net_fishing_spot")].MoveTicks;
        _harness.Step(moveTicks);
        Assert.That(_harness.TileOf(spot), Is.EqualTo(new Tile(44, 40)), "the spot moved");
        Assert.That(_harness.Get<Gathering>(player).Active, Is.False, "and the fisher, left behind, stopped");
        Assert.That(_harness.Events(GameEventKind.GatheringStopped).Last().Reason, Is.EqualTo(RejectionReason.Unreachable));
        _harness.Step(moveTicks);
        Assert.That(_harness.TileOf(spot), Is.EqualTo(SpotTile), "and back");
    }
}
