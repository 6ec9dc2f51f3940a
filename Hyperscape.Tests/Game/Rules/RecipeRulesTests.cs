using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Tests.Game.Simulation;

namespace Hyperscape.Tests.Game.Rules;

public class RecipeRulesTests
{
    private static Recipe Of(int product) => RecipeCatalog.Standard.TryGet(product, out var recipe) ? recipe : throw new AssertionException($"no recipe makes item {product}");

    // Levels, XP (in tenths), inputs and products from the OSRS wiki: Smithing (bronze bar 6.2 at 1,
    // iron 12.5 at 15 with a 50% chance, steel 17.5 at 30 from iron ore and 2 coal; a bronze dagger
    // 12.5 at 1 from a bar; 15 bronze arrowtips 12.5 at 5, iron 25 at 20, steel 37.5 at 35),
    // Fletching (15 arrow shafts 5 XP from a log; 15 headless arrows 1 XP each; 15 bronze arrows
    // 1.3 each, iron 2.5 each at 15, steel 5 each at 30; a shortbow (u) 5 at 5; an oak
    // shortbow 16.5 at 20), Crafting (leather gloves 13.8 at 1; a leather body 25 at 14; cutting
    // a sapphire 50 at 20), Runecrafting (air runes 5 at 1, mind 5.5 at 2, fire 7 at 14).
    [TestCase(ItemIds.BronzeBar, Skill.Smithing, 1, 62, 1, 100)]
    [TestCase(ItemIds.IronBar, Skill.Smithing, 15, 125, 1, 50)]
    [TestCase(ItemIds.SteelBar, Skill.Smithing, 30, 175, 1, 100)]
    [TestCase(ItemIds.BronzeDagger, Skill.Smithing, 1, 125, 1, 100)]
    [TestCase(ItemIds.BronzeArrowtips, Skill.Smithing, 5, 125, 15, 100)]
    [TestCase(ItemIds.BronzePlatebody, Skill.Smithing, 18, 625, 1, 100)]
    [TestCase(ItemIds.ArrowShaft, Skill.Fletching, 1, 50, 15, 100)]
    [TestCase(ItemIds.HeadlessArrow, Skill.Fletching, 1, 150, 15, 100)]
    [TestCase(ItemIds.BronzeArrow, Skill.Fletching, 1, 195, 15, 100)]
    [TestCase(ItemIds.IronArrowtips, Skill.Smithing, 20, 250, 15, 100)]
    [TestCase(ItemIds.SteelArrowtips, Skill.Smithing, 35, 375, 15, 100)]
    [TestCase(ItemIds.IronArrow, Skill.Fletching, 15, 375, 15, 100)]
    [TestCase(ItemIds.SteelArrow, Skill.Fletching, 30, 750, 15, 100)]
    [TestCase(ItemIds.ShortbowU, Skill.Fletching, 5, 50, 1, 100)]
    [TestCase(ItemIds.OakShortbow, Skill.Fletching, 20, 165, 1, 100)]
    [TestCase(ItemIds.LeatherGloves, Skill.Crafting, 1, 138, 1, 100)]
    [TestCase(ItemIds.LeatherBody, Skill.Crafting, 14, 250, 1, 100)]
    [TestCase(ItemIds.Sapphire, Skill.Crafting, 20, 500, 1, 100)]
    [TestCase(ItemIds.AirRune, Skill.Runecrafting, 1, 50, 1, 100)]
    [TestCase(ItemIds.MindRune, Skill.Runecrafting, 2, 55, 1, 100)]
    [TestCase(ItemIds.FireRune, Skill.Runecrafting, 14, 70, 1, 100)]
    public void The_default_recipes_are_osrs_values(int product, Skill skill, int level, int xpTenths, int quantity, int successPercent)
    {
        var recipe = Of(product);
        Assert.That((recipe.Skill, recipe.Level, recipe.XpTenths, recipe.Quantity, recipe.SuccessPercent), Is.EqualTo((skill, level, xpTenths, quantity, successPercent)));
    }

    [Test]
    public void Stations_tools_and_inputs_are_the_data()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Of(ItemIds.BronzeBar).Inputs, Is.EqualTo(new[] { new RecipeInput(ItemIds.CopperOre, 1), new RecipeInput(ItemIds.TinOre, 1) }));
            Assert.That(Of(ItemIds.SteelBar).Inputs, Is.EqualTo(new[] { new RecipeInput(ItemIds.IronOre, 1), new RecipeInput(ItemIds.Coal, 2) }));
            Assert.That(Of(ItemIds.BronzeBar).Station, Is.EqualTo(WorldObjectKind.Furnace));
            Assert.That((Of(ItemIds.BronzeDagger).Station, Of(ItemIds.BronzeDagger).Tools), Is.EqualTo((WorldObjectKind.Anvil, new[] { ItemIds.Hammer })));
            Assert.That((Of(ItemIds.ArrowShaft).Station, Of(ItemIds.ArrowShaft).Tools), Is.EqualTo(((WorldObjectKind?)null, new[] { ItemIds.Knife })));
            Assert.That((Of(ItemIds.AirRune).Station, Of(ItemIds.AirRune).All), Is.EqualTo((WorldObjectKind.RuneAltar, true)));
        });
    }

    // OSRS: air runes double at 11, triple at 22 ... ten per essence at 99; mind runes double at 14.
    [TestCase(ItemIds.AirRune, 1, 1)]
    [TestCase(ItemIds.AirRune, 10, 1)]
    [TestCase(ItemIds.AirRune, 11, 2)]
    [TestCase(ItemIds.AirRune, 22, 3)]
    [TestCase(ItemIds.AirRune, 98, 9)]
    [TestCase(ItemIds.AirRune, 99, 10)]
    [TestCase(ItemIds.MindRune, 13, 1)]
    [TestCase(ItemIds.MindRune, 14, 2)]
    [TestCase(ItemIds.MindRune, 99, 8)]
    [TestCase(ItemIds.FireRune, 70, 3)]
    public void Runes_per_essence_rise_at_the_osrs_levels(int rune, int level, int perEssence) =>
        Assert.That(Of(rune).QuantityAt(level), Is.EqualTo(perEssence));

    [Test]
    public void A_check_names_what_is_missing_level_first_then_tools_then_materials()
    {
        var steel = Of(ItemIds.SteelBar);
        var smith30 = Skilled(Skill.Smithing, 30);
        Assert.That(RecipeRules.Check(steel, SimulationHarness.InventoryOf((ItemIds.IronOre, 1), (ItemIds.Coal, 1), (ItemIds.Coal, 1)), Skilled(Skill.Smithing, 29)), Is.EqualTo(RejectionReason.LevelTooLow));
        Assert.That(RecipeRules.Check(steel, SimulationHarness.InventoryOf((ItemIds.IronOre, 1), (ItemIds.Coal, 1)), smith30), Is.EqualTo(RejectionReason.NoMaterials), "two coal, not one");
        Assert.That(RecipeRules.Check(steel, SimulationHarness.InventoryOf((ItemIds.IronOre, 1), (ItemIds.Coal, 1), (ItemIds.Coal, 1)), smith30), Is.EqualTo(RejectionReason.None), "coal in two slots");
        Assert.That(RecipeRules.Check(Of(ItemIds.BronzeDagger), SimulationHarness.InventoryOf((ItemIds.BronzeBar, 1)), smith30), Is.EqualTo(RejectionReason.NoTool), "no hammer");
        Assert.That(RecipeRules.Sets(Of(ItemIds.HeadlessArrow), SimulationHarness.InventoryOf((ItemIds.ArrowShaft, 44), (ItemIds.Feather, 100))), Is.EqualTo(2), "44 shafts make two sets of 15");
    }

    [Test]
    public void Making_uses_the_inputs_and_adds_the_product_or_changes_nothing()
    {
        var items = ItemCatalog.Standard;
        var steel = Of(ItemIds.SteelBar);
        var inventory = SimulationHarness.InventoryOf((ItemIds.IronOre, 1), (ItemIds.Coal, 1), (ItemIds.Coal, 1), (ItemIds.Coal, 1));
        Assert.That(RecipeRules.TryMake(steel, ref inventory, items, 1, 30, succeeded: true, out var made), Is.EqualTo(RejectionReason.None));
        Assert.That((made, InventoryRules.CountOf(inventory, ItemIds.SteelBar), InventoryRules.CountOf(inventory, ItemIds.Coal), InventoryRules.CountOf(inventory, ItemIds.IronOre)), Is.EqualTo((1, 1L, 1L, 0L)));

        var iron = SimulationHarness.InventoryOf((ItemIds.IronOre, 1));
        Assert.That(RecipeRules.TryMake(Of(ItemIds.IronBar), ref iron, items, 1, 15, succeeded: false, out made), Is.EqualTo(RejectionReason.None));
        Assert.That((made, InventoryRules.CountOf(iron, ItemIds.IronOre), InventoryRules.CountOf(iron, ItemIds.IronBar)), Is.EqualTo((0, 0L, 0L)), "a failed smelt loses the ore");

        // A full pack of essence: the runes go where the essence was (all of it crafted at once).
        var essence = SimulationHarness.InventoryOf([.. Enumerable.Repeat((ItemIds.RuneEssence, 1), 28)]);
        Assert.That(RecipeRules.TryMake(Of(ItemIds.AirRune), ref essence, items, 28, 22, succeeded: true, out made), Is.EqualTo(RejectionReason.None));
        Assert.That((made, InventoryRules.CountOf(essence, ItemIds.AirRune), InventoryRules.FreeSlots(essence)), Is.EqualTo((84, 84L, 27)));

        // Fifteen shafts take the slot the log frees; fifteen arrows need a slot a full pack does not have (the inputs' stacks stay).
        var full = SimulationHarness.InventoryOf([(ItemIds.Logs, 1), .. Enumerable.Repeat((ItemIds.Knife, 1), 27)]);
        Assert.That(RecipeRules.TryMake(Of(ItemIds.ArrowShaft), ref full, items, 1, 1, succeeded: true, out made), Is.EqualTo(RejectionReason.None));
        Assert.That(made, Is.EqualTo(15));
        var crowded = SimulationHarness.InventoryOf([(ItemIds.HeadlessArrow, 30), (ItemIds.BronzeArrowtips, 30), .. Enumerable.Repeat((ItemIds.Knife, 1), 26)]);
        Assert.That(RecipeRules.TryMake(Of(ItemIds.BronzeArrow), ref crowded, items, 1, 1, succeeded: true, out made), Is.EqualTo(RejectionReason.InventoryFull));
        Assert.That(
            (made, InventoryRules.CountOf(crowded, ItemIds.HeadlessArrow), InventoryRules.CountOf(crowded, ItemIds.BronzeArrowtips), InventoryRules.CountOf(crowded, ItemIds.BronzeArrow)),
            Is.EqualTo((0, 30L, 30L, 0L)),
            "nothing changed");
    }

    private static Skills Skilled(Skill skill, int level)
    {
        var skills = Skills.Starting();
        skills.AddXp(skill, XpTable.XpForLevel(level) * 10);
        return skills;
    }
}
