using System.Text.Json;
using System.Text.Json.Nodes;
using Hyperscape.Ecs.Content;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Content;

public class GameContentTests
{
    [Test]
    public void The_default_content_is_read_from_its_files_with_the_ids_code_names()
    {
        var content = GameContent.Default;
        var expected = new (int Id, string Key)[]
        {
            (ItemIds.Coins, "coins"), (ItemIds.BronzeSword, "bronze_sword"), (ItemIds.IronSword, "iron_sword"),
            (ItemIds.SteelLongsword, "steel_longsword"), (ItemIds.Bronze2hSword, "bronze_2h_sword"), (ItemIds.WoodenShield, "wooden_shield"),
            (ItemIds.BronzeFullHelm, "bronze_full_helm"), (ItemIds.BronzePlatebody, "bronze_platebody"), (ItemIds.BronzePlatelegs, "bronze_platelegs"),
            (ItemIds.LeatherGloves, "leather_gloves"), (ItemIds.LeatherBoots, "leather_boots"), (ItemIds.RedCape, "red_cape"),
            (ItemIds.AmuletOfStrength, "amulet_of_strength"), (ItemIds.GoldRing, "gold_ring"), (ItemIds.BronzeArrow, "bronze_arrow"),
            (ItemIds.Shrimps, "shrimps"), (ItemIds.Lobster, "lobster"), (ItemIds.Bones, "bones"), (ItemIds.Logs, "logs"),
            (ItemIds.RawBeef, "raw_beef"), (ItemIds.Cowhide, "cowhide"), (ItemIds.Feather, "feather"), (ItemIds.BigBones, "big_bones"),
        };
        Assert.That(expected.Select(e => content.Items[e.Id].Key), Is.EqualTo(expected.Select(e => e.Key)));

        // Every constant names the item the file puts at its number ("Bronze 2h sword" is Bronze2hSword, "Shortbow (u)" ShortbowU).
        foreach (var constant in typeof(ItemIds).GetFields())
        {
            var item = content.Items[(int)constant.GetRawConstantValue()!];
            Assert.That(string.Concat(item.Name.Where(char.IsLetterOrDigit)), Is.EqualTo(constant.Name).IgnoreCase, constant.Name);
        }

        Assert.That(typeof(ItemIds).GetFields(), Has.Length.EqualTo(content.Items.All.Count), "a constant for every default item");
        Assert.That(new[] { NpcIds.Chicken, NpcIds.Goblin, NpcIds.Cow, NpcIds.GiantRat, NpcIds.Guard, NpcIds.HillGiant }.Select(id => content.Npcs[id].Key),
            Is.EqualTo(new[] { "chicken", "goblin", "cow", "giant_rat", "guard", "hill_giant" }));

        // The data carries what the C# tables did: spot checks of each kind of field.
        var longsword = content.Items[ItemIds.SteelLongsword];
        Assert.That((longsword.Slot, longsword.Weapon, longsword.AttackSpeed, longsword.Value), Is.EqualTo((EquipmentSlot.Weapon, WeaponCategory.Longsword, 5, 500)));
        Assert.That(longsword.Bonuses, Is.EqualTo(new EquipmentBonuses(StabAttack: 8, SlashAttack: 12, CrushAttack: -2, SlashDefence: 3, CrushDefence: 2, MeleeStrength: 14)));
        Assert.That(longsword.Requirements, Is.EqualTo(new[] { new SkillRequirement(Skill.Attack, 5) }));
        Assert.That(content.Items[ItemIds.Bronze2hSword].TwoHanded, Is.True);
        Assert.That((content.Items[ItemIds.Bones].BuryXpTenths, content.Items[ItemIds.BigBones].BuryXpTenths), Is.EqualTo((45, 150)));
        Assert.That((content.Items[ItemIds.Lobster].Heals, content.Items[ItemIds.Coins].Stackable), Is.EqualTo((12, true)));
        var giant = content.Npcs[NpcIds.HillGiant];
        Assert.That((giant.Attack, giant.Strength, giant.Defence, giant.Hitpoints, giant.AttackSpeed, giant.Aggressive), Is.EqualTo((18, 22, 26, 35, 6, true)));
        Assert.That(giant.Drops.Always, Is.EqualTo(new[] { new DropEntry(1, ItemIds.BigBones) }));
        Assert.That(giant.Drops.Weighted, Is.EqualTo(new[] { new DropEntry(5, ItemIds.Coins, 20, 120), new DropEntry(1, ItemIds.SteelLongsword), new DropEntry(2, ItemIds.Lobster) }));
        Assert.That(giant.Drops.NothingWeight, Is.EqualTo(10));
        Assert.That(content.Npcs[NpcIds.Chicken].AttackType, Is.EqualTo(AttackType.Stab));
        Assert.That(content.Ids.Added, Has.Count.EqualTo(content.Items.All.Count + content.Npcs.All.Count), "a fresh registry gives every id");
    }

    [Test]
    public void Ids_once_given_stay_when_the_files_are_reordered_added_to_or_trimmed()
    {
        var first = GameContent.Read(GameContent.DefaultFiles, ContentIds.Empty);
        var stored = first.Ids.All;

        // The items reversed, coins removed, a new item added in front.
        var items = JsonNode.Parse(GameContent.DefaultFiles[GameContent.ItemsFile], documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var list = items["items"]!.AsArray();
        var reversed = list.Select(n => n!.DeepClone()).Reverse().Where(n => (string?)n["id"] != "coins").ToList();
        list.Clear();
        list.Add(new JsonObject { ["id"] = "pot_of_flour", ["name"] = "Pot of flour" });
        foreach (var item in reversed)
        {
            list.Add(item);
        }

        // Coins are gone, so the world must not name them.
        var world = JsonNode.Parse(GameContent.DefaultFiles[GameContent.WorldFileName], documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        world["groundItems"]!.AsArray().RemoveAt(3);
        world["starterItems"]!.AsArray().RemoveAt(3);
        var npcs = JsonNode.Parse(GameContent.DefaultFiles[GameContent.NpcsFile], documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        foreach (var npc in npcs["npcs"]!.AsArray())
        {
            var weighted = npc!["drops"]?["weighted"]?.AsArray();
            weighted?.Where(d => (string?)d!["item"] == "coins").ToList().ForEach(d => weighted.Remove(d));
        }

        var files = new Dictionary<string, string>
        {
            [GameContent.ItemsFile] = items.ToJsonString(),
            [GameContent.NpcsFile] = npcs.ToJsonString(),
            [GameContent.WorldFileName] = world.ToJsonString(),
        };
        var second = GameContent.Read(files, new ContentIds(stored));

        Assert.That(second.Items.ByKey["bronze_sword"].Id, Is.EqualTo(ItemIds.BronzeSword));
        Assert.That(second.Items.ByKey["big_bones"].Id, Is.EqualTo(ItemIds.BigBones));
        var next = first.Items.MaxId + 1;
        Assert.That(second.Items.ByKey["pot_of_flour"].Id, Is.EqualTo(next), "the next free id, never coins' 1");
        Assert.That(second.Items.TryGet(ItemIds.Coins, out _), Is.False);
        Assert.That(second.Ids.TryGetKey(ContentKind.Item, ItemIds.Coins, out var retired) ? retired : null, Is.EqualTo("coins"), "a removed item keeps its number");
        Assert.That(second.Ids.Added, Is.EqualTo(new[] { new ContentId(ContentKind.Item, "pot_of_flour", next) }));
        Assert.That(second.Npcs[NpcIds.HillGiant].Key, Is.EqualTo("hill_giant"));
    }

    [Test]
    public void Every_problem_of_every_file_is_reported_at_once()
    {
        var files = new Dictionary<string, string>
        {
            [GameContent.ItemsFile] = """
                { "version": 1, "items": [
                  { "id": "coins", "name": "Coins", "stackable": true },
                  { "id": "coins", "name": "More coins" },
                  { "id": "Red Cape", "name": "Red cape" },
                  { "id": "rock", "name": "Rock", "bonuses": { "stabAttack": 1 }, "attackSpeed": 3, "ammoTier": 2 },
                  { "id": "club", "name": "Club", "slot": "weapon", "weapon": "club", "requirements": { "atack": 5, "strength": 100 } },
                  { "id": "bones", "name": "Bones", "buryXp": 4.55, "colour": "white" }
                ] }
                """,
            [GameContent.NpcsFile] = """
                { "version": 1, "npcs": [
                  { "id": "cow", "name": "Cow", "attack": 1, "strength": 1, "defence": 0, "hitpoints": 8,
                    "drops": { "always": [ { "item": "milk" } ], "weighted": [ { "item": "coins", "min": 5, "max": 2 }, { "weight": 1, "item": "bones", "max": 3 } ] } },
                  { "id": "archer", "name": "Archer", "attack": 1, "strength": 1, "defence": 1, "hitpoints": 5, "attackRange": 5 },
                  { "id": "mage", "name": "Mage", "attack": 1, "strength": 1, "defence": 1, "hitpoints": 5, "attackType": "magic", "attackRange": 5 }
                ] }
                """,
            [GameContent.WorldFileName] = """
                { "version": 1, "map": { "width": 8, "height": 8 }, "playerSpawn": [1, 1], "npcSpawns": [ { "npc": "dragon", "at": [2, 2] } ] }
                """,
            [GameContent.ResourcesFile] = """{ "version": 1, "resources": [] }""",
            [GameContent.ShopsFile] = """{ "version": 1, "shops": [] }""",
            [GameContent.RecipesFile] = """{ "version": 1, "recipes": [] }""",
            [GameContent.SpellsFile] = """{ "version": 1, "spells": [] }""",
            ["quests.json"] = "{}",
        };

        var problems = Assert.Throws<ContentException>(() => GameContent.Read(files, ContentIds.Empty))!.Problems.Select(p => p.ToString()).ToList();

        Assert.That(problems, Is.EqualTo(new[]
        {
            "quests.json: $: not a content file (known: items.json, shops.json, npcs.json, resources.json, recipes.json, spells.json, prayers.json, world.json)",
            "items.json: items[1].id: 'coins' is defined twice",
            "items.json: items[2].id: ids are lowercase letters, digits and single underscores ('red_cape')",
            "items.json: items[3].attackSpeed: only a weapon (slot \"weapon\") has this",
            "items.json: items[3].ammoTier: only ammunition (slot \"ammo\") or a bow has this",
            "items.json: items[3].bonuses: only an item with a slot gives bonuses",
            "items.json: items[4].weapon: one of unarmed, sword, longsword, two_handed_sword, bow, staff",
            "items.json: items[4].requirements.atack: one of attack, strength, defense, constitution, ranged, magic, prayer, woodcutting, mining, fishing, firemaking, cooking, smithing, agility, crafting, fletching, runecrafting",
            "items.json: items[4].requirements.strength: 1 to 99",
            "items.json: items[5].colour: unknown field (known: id, name, stackable, value, slot, twoHanded, attackSpeed, attackRange, ammoTier, weapon, runeSource, bonuses, requirements, heals, buryXp, burnable, cookable)",
            "items.json: items[5].buryXp: a number of at least 0 with at most one decimal",
            "npcs.json: npcs[0].defence: 1 to 999",
            "npcs.json: npcs[0].drops.always[0].item: no item has the id 'milk'",
            "npcs.json: npcs[0].drops.weighted[0].weight: missing",
            "npcs.json: npcs[0].drops.weighted[0].max: at least min (5)",
            "npcs.json: npcs[0].drops.weighted[1]: Bones does not stack: one per drop",
            "npcs.json: npcs[1].attackRange: only an NPC whose attackType is ranged or magic attacks from afar",
            "npcs.json: npcs[2].maxHit: missing: a ranged or magic NPC has its own max hit",
            "world.json: npcSpawns[0].npc: no NPC type has the id 'dragon'",
        }));
    }

    [Test]
    public void Recipes_rune_altars_and_agility_courses_report_every_problem()
    {
        var files = new Dictionary<string, string>
        {
            [GameContent.RecipesFile] = """
                { "version": 1, "recipes": [
                  { "id": "bronze_bar", "skill": "smithing", "level": 1, "xp": 6.2, "station": "furnace", "product": "bronze_bar", "inputs": [{ "item": "copper_ore" }, { "item": "tin_ore" }] },
                  { "id": "nothing", "skill": "smithing", "level": 1, "xp": 1, "product": "iron_bar", "inputs": [] },
                  { "id": "again", "skill": "smithing", "level": 1, "xp": 1, "product": "bronze_bar", "inputs": [{ "item": "gold_ore" }], "tools": ["hammer", 7] },
                  { "id": "loop", "skill": "cooking", "level": 5, "xp": 1, "station": "bank_booth", "product": "knife", "inputs": [{ "item": "knife" }], "multiplesAt": [3] },
                  { "id": "air_runes", "skill": "runecrafting", "level": 1, "xp": 5, "station": "rune_altar", "all": true, "product": "air_rune", "inputs": [{ "item": "rune_essence" }] }
                ] }
                """,
            [GameContent.WorldFileName] = """
                { "version": 1, "map": { "width": 20, "height": 20, "walls": [{ "from": [10, 0], "to": [10, 19] }] }, "playerSpawn": [1, 1],
                  "objects": [
                    { "object": "rune_altar", "at": [3, 3], "makes": "air_rune" },
                    { "object": "rune_altar", "at": [5, 3], "makes": "mind_rune" },
                    { "object": "furnace", "at": [7, 3], "makes": "bronze_bar" },
                    { "object": "obstacle", "at": [8, 8] }
                  ],
                  "agility": [
                    { "id": "course", "name": "Course", "lapXp": 10, "obstacles": [
                      { "name": "Log", "at": [3, 10], "landing": [10, 5], "xp": 5 },
                      { "name": "Net", "at": [10, 12], "landing": [11, 12], "xp": 5, "fail": { "low": 50, "high": 20, "damage": 2, "landing": [10, 13] } }
                    ] }
                  ] }
                """,
        };

        var problems = Assert.Throws<ContentException>(() => GameContent.Read(files, ContentIds.Empty))!.Problems.Select(p => p.ToString()).ToList();

        Assert.That(problems, Is.EqualTo(new[]
        {
            "recipes.json: recipes[1].inputs: at least one item used up: a recipe makes something from something",
            "recipes.json: recipes[2].product: recipe 'bronze_bar' makes this item already: one recipe per product",
            "recipes.json: recipes[2].inputs[0].item: no item has the id 'gold_ore'",
            "recipes.json: recipes[2].tools[1]: the id of an item, a string",
            "recipes.json: recipes[3].inputs[0].item: the product itself: making it would use it up",
            "recipes.json: recipes[3].station: one of furnace, anvil, range, rune_altar",
            "recipes.json: recipes[3].multiplesAt[0]: a level above the recipe's (5) and the one before, at most 99",
            "world.json: objects[1].makes: no recipe makes Mind rune at a rune altar",
            "world.json: objects[2].makes: only a rune altar makes something of its own",
            "world.json: objects[3].object: obstacles are placed by agility courses (the agility list)",
            "world.json: agility[0].obstacles[1].at: (10, 12) is a wall, water or another object",
            "world.json: agility[0].obstacles[1].fail.high: at least low (50): the odds rise with the level",
            "world.json: agility[0].obstacles[0].landing: (10, 5) is a wall, water or an object: nobody can land there",
            "world.json: agility[0].obstacles[1].fail.landing: (10, 13) is a wall, water or an object: nobody can land there",
        }));
    }

    [Test]
    public void A_spell_without_runes_or_with_unknown_ones_is_a_problem()
    {
        var files = new Dictionary<string, string>
        {
            [GameContent.SpellsFile] = """
                { "version": 1, "spells": [
                  { "id": "wind_strike", "name": "Wind Strike", "level": 1, "xp": 5.5, "maxHit": 2, "runes": [{ "item": "air_rune" }, { "item": "mind_rune" }] },
                  { "id": "free", "name": "Free", "level": 1, "xp": 1, "maxHit": 1, "runes": [] },
                  { "id": "odd", "name": "Odd", "level": 100, "xp": 1.25, "maxHit": 3, "runes": [{ "item": "soul_rune" }, { "item": "air_rune" }, { "item": "air_rune" }] }
                ] }
                """,
        };

        var problems = Assert.Throws<ContentException>(() => GameContent.Read(files, ContentIds.Empty))!.Problems.Select(p => p.ToString()).ToList();

        Assert.That(problems, Is.EqualTo(new[]
        {
            "spells.json: spells[1].runes: at least one rune: a spell costs something",
            "spells.json: spells[2].level: 1 to 99",
            "spells.json: spells[2].xp: a number of at least 0 with at most one decimal",
            "spells.json: spells[2].runes[0].item: no item has the id 'soul_rune'",
            "spells.json: spells[2].runes[2].item: listed already: give one line a quantity",
        }));
    }

    [Test]
    public void Prayers_come_from_their_file_and_report_every_problem()
    {
        var book = GameContent.Default.Prayers;
        Assert.That(book.All.Select(p => (p.Prayer, p.Key)), Is.EqualTo(Enum.GetValues<Prayer>().Select(p => (p, ContentReader.SnakeCase(p.ToString())))), "ids are the Prayer constants");

        var files = new Dictionary<string, string>
        {
            [GameContent.PrayersFile] = """
                { "version": 1, "prayers": [
                  { "id": "thick_skin", "name": "Thick Skin", "level": 1, "drain": 1, "group": "defence", "defencePercent": 5 },
                  { "id": "holy", "name": "Holy", "level": 120, "drain": 0, "group": "halo" },
                  { "id": "shield", "name": "Shield", "level": 5, "drain": 3, "group": "defence", "protects": "melee", "defencePercent": 500 }
                ] }
                """,
        };

        var problems = Assert.Throws<ContentException>(() => GameContent.Read(files, ContentIds.Empty))!.Problems.Select(p => p.ToString()).ToList();

        Assert.That(problems, Is.EqualTo(new[]
        {
            "prayers.json: prayers[1].group: one of defence, strength, attack, protection, ranged, magic",
            "prayers.json: prayers[1].level: 1 to 99",
            "prayers.json: prayers[1].drain: 1 to 1000",
            "prayers.json: prayers[2].protects: only a prayer of the protection group protects",
            "prayers.json: prayers[2].defencePercent: 0 to 100",
        }));
    }
}
