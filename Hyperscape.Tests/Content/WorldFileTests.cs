using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Content;

public class WorldFileTests
{
    [Test]
    public void The_default_world_is_read_from_its_data_file()
    {
        var world = SimulationOptions.CreateDefault(seed: 5);
        Assert.That(world.Seed, Is.EqualTo(5));
        Assert.That((world.Map.Width, world.Map.Height), Is.EqualTo((256, 256)));
        Assert.That(world.Map.IsWalkable(new Tile(120, 140)), Is.False, "the long wall");
        Assert.That(world.Map.IsWalkable(new Tile(128, 128)), Is.True);
        Assert.That(world.PlayerSpawn, Is.EqualTo(new Tile(128, 128)));
        Assert.That(world.Altars, Is.EqualTo(new[] { new Tile(124, 131) }));
        Assert.That(world.Map.IsWalkable(new Tile(124, 131)), Is.False, "an altar stands on its tile");
        Assert.That(world.Objects, Is.EqualTo(new[]
        {
            new WorldObjectSpawn(WorldObjectKind.BankBooth, new Tile(136, 127)), new WorldObjectSpawn(WorldObjectKind.BankBooth, new Tile(136, 129)),
            new WorldObjectSpawn(WorldObjectKind.Range, new Tile(126, 124)), new WorldObjectSpawn(WorldObjectKind.Furnace, new Tile(130, 121)),
            new WorldObjectSpawn(WorldObjectKind.Anvil, new Tile(133, 121)),
            new WorldObjectSpawn(WorldObjectKind.RuneAltar, new Tile(104, 136), ItemIds.AirRune), new WorldObjectSpawn(WorldObjectKind.RuneAltar, new Tile(107, 136), ItemIds.MindRune),
        }));
        Assert.That(world.AgilityCourses.Select(c => (c.Key, c.Obstacles.Length, c.LapXpTenths)), Is.EqualTo(new[] { ("starter_course", 4, 390) }));
        Assert.That(world.AgilityCourses[0].Obstacles.Select(o => o.At), Has.All.Matches<Tile>(t => !world.Map.IsWalkable(t)), "obstacles stand on their tiles");
        Assert.That(world.Map.IsWalkable(new Tile(136, 127)), Is.False, "so does a bank booth");
        Assert.That(world.ResourceSpawns, Has.Count.EqualTo(24));
        Assert.That(world.Water, Is.EqualTo(new[] { new TileArea(new Tile(84, 116), new Tile(92, 128)) }));
        Assert.That(world.NpcSpawns.Select(s => s.DefinitionId), Is.EqualTo(new[]
        {
            NpcIds.Chicken, NpcIds.Chicken, NpcIds.Cow, NpcIds.Cow, NpcIds.Goblin, NpcIds.Goblin, NpcIds.GiantRat, NpcIds.Guard, NpcIds.HillGiant,
            NpcIds.Shopkeeper, NpcIds.FishingTutor, NpcIds.ToolMerchant, NpcIds.Smith, NpcIds.Crafter, NpcIds.Fletcher, NpcIds.Wizard,
            NpcIds.Barbarian, NpcIds.Barbarian, NpcIds.MossGiant, NpcIds.DarkWizard, NpcIds.DarkWizard,
        }));
        Assert.That(world.Shops.All.Select(s => s.Key), Is.EqualTo(new[] { "general_store", "fishing_supplies", "tool_store", "smithing_supplies", "crafting_store", "fletching_supplies", "magic_store" }));
        Assert.That(world.GroundItems, Has.Count.EqualTo(6));
        Assert.That(world.GroundItems[3], Is.EqualTo(new GroundItemSpawn(ItemIds.Coins, 25, new Tile(130, 129))));
    }

    [Test]
    public void Every_problem_is_reported_at_once_with_its_file_and_path()
    {
        const string Broken = """
            {
              "version": 2,
              "colour": "green",
              "map": { "width": 20, "height": 20, "walls": [ { "from": [5, 5], "to": [5, 8] }, { "from": [1, 1], "to": [40, 1] } ] },
              "altars": [[2, 2]],
              "npcSpawns": [
                { "npc": "dragon", "at": [3, 3] },
                { "npc": "cow", "at": [5, 6] },
                { "npc": "cow", "at": [2, 2], "level": 3 }
              ],
              "groundItems": [
                { "item": "bronze_sword", "quantity": 3, "at": [4, 4] },
                { "item": "coins", "quantity": 0, "at": [999, 1] }
              ]
            }
            """;

        var problems = Assert.Throws<ContentException>(() => WorldFile.Read(Broken, "worlds/broken.json", ItemCatalog.Standard, NpcCatalog.Standard))!.Problems;

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "worlds/broken.json: colour: unknown field (known: version, map, playerSpawn, starterItems, altars, objects, resources, agility, npcSpawns, groundItems)",
            "worlds/broken.json: version: this server reads version 1, not 2",
            "worlds/broken.json: map.walls[1].to: (40, 1) is off the 20 × 20 map",
            "worlds/broken.json: playerSpawn: missing",
            "worlds/broken.json: npcSpawns[0].npc: no NPC type has the id 'dragon'",
            "worlds/broken.json: npcSpawns[1].at: (5, 6) is a wall, water or an object",
            "worlds/broken.json: npcSpawns[2].level: unknown field (known: npc, at)",
            "worlds/broken.json: npcSpawns[2].at: (2, 2) is a wall, water or an object",
            "worlds/broken.json: groundItems[0].quantity: Bronze sword does not stack: one per ground item",
            "worlds/broken.json: groundItems[1].quantity: at least 1",
            "worlds/broken.json: groundItems[1].at: (999, 1) is off the 20 × 20 map",
        }));
    }

    [Test]
    public void Text_that_is_not_json_is_one_problem_with_its_line()
    {
        var problems = Assert.Throws<ContentException>(() => WorldFile.Read("{\n  \"version\": 1,\n  oops\n}", "w.json", ItemCatalog.Standard, NpcCatalog.Standard))!.Problems;
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].ToString(), Does.StartWith("w.json: line 3: not JSON"));
    }

    [TestCase("Giant rat", "giant_rat")]
    [TestCase("Amulet of strength", "amulet_of_strength")]
    [TestCase(" Bronze 2h sword ", "bronze_2h_sword")]
    [TestCase("Hill giant", "hill_giant")]
    public void A_key_is_the_name_in_snake_case(string name, string key) =>
        Assert.That(ContentKey.Of(name), Is.EqualTo(key));
}
