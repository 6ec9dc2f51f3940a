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

        // Every constant names the item the file puts at its number ("Bronze 2h sword" is Bronze2hSword).
        foreach (var constant in typeof(ItemIds).GetFields())
        {
            var item = content.Items[(int)constant.GetRawConstantValue()!];
            Assert.That(item.Name.Replace(" ", "", StringComparison.Ordinal), Is.EqualTo(constant.Name).IgnoreCase, constant.Name);
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
        var items = JsonNode.Parse(GameContent.DefaultFiles[GameContent.ItemsFile])!;
        var list = items["items"]!.AsArray();
        var reversed = list.Select(n => n!.DeepClone()).Reverse().Where(n => (string?)n["id"] != "coins").ToList();
        list.Clear();
        list.Add(new JsonObject { ["id"] = "pot_of_flour", ["name"] = "Pot of flour" });
        foreach (var item in reversed)
        {
            list.Add(item);
        }

        // Coins are gone, so the world must not name them.
        var world = JsonNode.Parse(GameContent.DefaultFiles[GameContent.WorldFileName])!;
        world["groundItems"]!.AsArray().RemoveAt(3);
        world["starterItems"]!.AsArray().RemoveAt(3);
        var npcs = JsonNode.Parse(GameContent.DefaultFiles[GameContent.NpcsFile])!;
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
                  { "id": "rock", "name": "Rock", "bonuses": { "stabAttack": 1 }, "attackSpeed": 3 },
                  { "id": "club", "name": "Club", "slot": "weapon", "weapon": "club", "requirements": { "atack": 5, "strength": 100 } },
                  { "id": "bones", "name": "Bones", "buryXp": 4.55, "colour": "white" }
                ] }
                """,
            [GameContent.NpcsFile] = """
                { "version": 1, "npcs": [
                  { "id": "cow", "name": "Cow", "attack": 1, "strength": 1, "defence": 0, "hitpoints": 8,
                    "drops": { "always": [ { "item": "milk" } ], "weighted": [ { "item": "coins", "min": 5, "max": 2 }, { "weight": 1, "item": "bones", "max": 3 } ] } }
                ] }
                """,
            [GameContent.WorldFileName] = """
                { "version": 1, "map": { "width": 8, "height": 8 }, "playerSpawn": [1, 1], "npcSpawns": [ { "npc": "dragon", "at": [2, 2] } ] }
                """,
            [GameContent.ResourcesFile] = """{ "version": 1, "resources": [] }""",
            [GameContent.ShopsFile] = """{ "version": 1, "shops": [] }""",
            ["quests.json"] = "{}",
        };

        var problems = Assert.Throws<ContentException>(() => GameContent.Read(files, ContentIds.Empty))!.Problems.Select(p => p.ToString()).ToList();

        Assert.That(problems, Is.EqualTo(new[]
        {
            "quests.json: $: not a content file (known: items.json, shops.json, npcs.json, resources.json, world.json)",
            "items.json: items[1].id: 'coins' is defined twice",
            "items.json: items[2].id: ids are lowercase letters, digits and single underscores ('red_cape')",
            "items.json: items[3].attackSpeed: only a weapon (slot \"weapon\") has this",
            "items.json: items[3].bonuses: only an item with a slot gives bonuses",
            "items.json: items[4].weapon: one of unarmed, sword, longsword, two_handed_sword",
            "items.json: items[4].requirements.atack: one of attack, strength, defense, constitution, ranged, magic, prayer, woodcutting, mining, fishing, firemaking, cooking, smithing, agility, crafting, fletching, runecrafting",
            "items.json: items[4].requirements.strength: 1 to 99",
            "items.json: items[5].colour: unknown field (known: id, name, stackable, value, slot, twoHanded, attackSpeed, weapon, bonuses, requirements, heals, buryXp, burnable, cookable)",
            "items.json: items[5].buryXp: a number of at least 0 with at most one decimal",
            "npcs.json: npcs[0].defence: 1 to 999",
            "npcs.json: npcs[0].drops.always[0].item: no item has the id 'milk'",
            "npcs.json: npcs[0].drops.weighted[0].weight: missing",
            "npcs.json: npcs[0].drops.weighted[0].max: at least min (5)",
            "npcs.json: npcs[0].drops.weighted[1]: Bones does not stack: one per drop",
            "world.json: npcSpawns[0].npc: no NPC type has the id 'dragon'",
        }));
    }
}
