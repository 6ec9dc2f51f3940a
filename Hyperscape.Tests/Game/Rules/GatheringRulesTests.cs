using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Tests.Game.Simulation;

namespace Hyperscape.Tests.Game.Rules;

public class GatheringRulesTests
{
    private static ResourceDefinition Resource(string key) => ResourceCatalog.Standard.All.Single(r => r.Key == key);

    // The roll is OSRS's skilling formula (OSRS wiki, "Skilling success rate"): out of 256,
    // 1 + floor(low × (99 − L)/98 + high × (L − 1)/98 + 0.5).
    [TestCase(64, 200, 1, 65)] // a tree with a bronze axe at level 1: (1 + low)/256
    [TestCase(64, 200, 99, 201)] // ... at 99: (1 + high)/256
    [TestCase(64, 200, 50, 133)] // 64·49/98 + 200·49/98 = 132, + 0.5 floors to 132, + 1
    [TestCase(48, 256, 99, 256)] // shrimps with a net at 99: certain
    [TestCase(128, 400, 60, 256)] // above 255 the roll is capped: certain
    [TestCase(4, 12, 60, 10)] // a yew with a bronze axe at 60: 4·39/98 + 12·59/98 = 8.816, + 0.5 floors to 9, + 1
    [TestCase(64, 200, 120, 201)] // a level above 99 counts as 99
    public void The_roll_is_a_straight_line_from_low_at_1_to_high_at_99(int low, int high, int level, int roll) =>
        Assert.That(GatheringRules.SuccessRoll(low, high, level), Is.EqualTo(roll));

    // XP and levels from the issue, which takes them from OSRS: logs 25 (1), oak 37.5 (15),
    // willow 67.5 (30), maple 100 (45), yew 175 (60); copper and tin 17.5 (1), iron 35 (15),
    // coal 50 (30); shrimp 10 (1), sardine 20 (5), trout 50 (20), salmon 70 (30), lobster 90 (40),
    // swordfish 100 (50). XP in tenths.
    [TestCase("tree", "woodcutting", 1, 250, ItemIds.Logs)]
    [TestCase("oak", "woodcutting", 15, 375, ItemIds.OakLogs)]
    [TestCase("willow", "woodcutting", 30, 675, ItemIds.WillowLogs)]
    [TestCase("maple", "woodcutting", 45, 1000, ItemIds.MapleLogs)]
    [TestCase("yew", "woodcutting", 60, 1750, ItemIds.YewLogs)]
    [TestCase("copper_rock", "mining", 1, 175, ItemIds.CopperOre)]
    [TestCase("tin_rock", "mining", 1, 175, ItemIds.TinOre)]
    [TestCase("iron_rock", "mining", 15, 350, ItemIds.IronOre)]
    [TestCase("coal_rock", "mining", 30, 500, ItemIds.Coal)]
    [TestCase("net_fishing_spot", "fishing", 1, 100, ItemIds.RawShrimps)]
    [TestCase("bait_fishing_spot", "fishing", 5, 200, ItemIds.RawSardine)]
    [TestCase("fly_fishing_spot", "fishing", 20, 500, ItemIds.RawTrout)]
    [TestCase("salmon_fishing_spot", "fishing", 30, 700, ItemIds.RawSalmon)]
    [TestCase("cage_fishing_spot", "fishing", 40, 900, ItemIds.RawLobster)]
    [TestCase("harpoon_fishing_spot", "fishing", 50, 1000, ItemIds.RawSwordfish)]
    public void The_default_resources_give_osrs_xp_at_osrs_levels(string key, string skill, int level, int xpTenths, int product)
    {
        var resource = Resource(key);
        Assert.That((resource.Skill.ToString().ToLowerInvariant(), resource.Level, resource.XpTenths, resource.ProductId), Is.EqualTo((skill, level, xpTenths, product)));
    }

    [Test]
    public void The_best_usable_tool_carried_is_used_and_each_check_has_its_reason()
    {
        var tree = Resource("tree");
        var skills = Skills.Starting();
        var items = ItemCatalog.Standard;

        Assert.That(GatheringRules.Check(tree, default, default, skills, items, out _), Is.EqualTo(RejectionReason.NoTool));

        var both = SimulationHarness.InventoryOf((ItemIds.BronzeAxe, 1), (ItemIds.SteelAxe, 1));
        Assert.That(GatheringRules.Check(tree, both, default, skills, items, out var tool), Is.EqualTo(RejectionReason.None));
        Assert.That(tool.ItemId, Is.EqualTo(ItemIds.BronzeAxe), "a steel axe needs woodcutting 6");

        skills.AddXp(Skill.Woodcutting, XpTable.XpForLevel(6) * 10);
        GatheringRules.Check(tree, both, default, skills, items, out tool);
        Assert.That(tool.ItemId, Is.EqualTo(ItemIds.SteelAxe));

        var wielded = default(Equipment);
        wielded.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.IronAxe, 1);
        Assert.That(GatheringRules.Check(tree, default, wielded, Skills.Starting(), items, out tool), Is.EqualTo(RejectionReason.None));
        Assert.That(tool.ItemId, Is.EqualTo(ItemIds.IronAxe), "a wielded tool counts");

        Assert.That(GatheringRules.Check(Resource("oak"), both, default, Skills.Starting(), items, out _), Is.EqualTo(RejectionReason.LevelTooLow));

        var fishing = Skills.Starting();
        fishing.AddXp(Skill.Fishing, XpTable.XpForLevel(5) * 10);
        var rod = SimulationHarness.InventoryOf((ItemIds.FishingRod, 1));
        Assert.That(GatheringRules.Check(Resource("bait_fishing_spot"), rod, default, fishing, items, out _), Is.EqualTo(RejectionReason.NoMaterials));

        var full = SimulationHarness.InventoryOf((ItemIds.BronzeAxe, 1));
        for (var i = 1; i < Inventory.SlotCount; i++)
        {
            full.Slots[i] = new ItemStack(ItemIds.Bones, 1);
        }

        Assert.That(GatheringRules.Check(tree, full, default, Skills.Starting(), items, out _), Is.EqualTo(RejectionReason.InventoryFull));
    }
}
