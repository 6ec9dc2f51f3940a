using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

public class XpTableTests
{
    // The OSRS experience table.
    [TestCase(1, 0)]
    [TestCase(2, 83)]
    [TestCase(3, 174)]
    [TestCase(10, 1_154)]
    [TestCase(50, 101_333)]
    [TestCase(92, 6_517_253)]
    [TestCase(99, 13_034_431)]
    public void Thresholds_match_the_OSRS_table(int level, int xp) => Assert.That(XpTable.XpForLevel(level), Is.EqualTo(xp));

    [TestCase(0, 1)]
    [TestCase(82, 1)]
    [TestCase(83, 2)]
    [TestCase(1_153, 9)]
    [TestCase(1_154, 10)]
    [TestCase(13_034_430, 98)]
    [TestCase(13_034_431, 99)]
    [TestCase(200_000_000, 99)]
    [TestCase(-5, 1)]
    public void Level_for_xp_sits_on_the_thresholds(int xp, int level) => Assert.That(XpTable.LevelForXp(xp), Is.EqualTo(level));

    [Test]
    public void Xp_is_capped_at_200_million_and_never_decreases()
    {
        Assert.That(XpTable.AddTenths(1_999_999_990, 1_000), Is.EqualTo(2_000_000_000));
        Assert.That(XpTable.AddTenths(500, -100), Is.EqualTo(500));
        Assert.That(XpTable.AddTenths(500, 0), Is.EqualTo(500));
    }

    [Test]
    public void Levels_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => XpTable.XpForLevel(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => XpTable.XpForLevel(100));
    }

    [Test]
    public void A_new_character_has_constitution_10_at_1154_xp_and_combat_level_3()
    {
        var skills = Skills.Starting();

        Assert.That(skills.Level(Skill.Constitution), Is.EqualTo(10));
        Assert.That(skills.XpTenths(Skill.Constitution), Is.EqualTo(11_540));
        Assert.That(skills.Level(Skill.Attack), Is.EqualTo(1));
        Assert.That(skills.CombatLevel, Is.EqualTo(3));
    }

    [Test]
    public void Adding_xp_reports_levels_gained()
    {
        var skills = Skills.Starting();

        Assert.That(skills.AddXp(Skill.Attack, 830), Is.EqualTo(1), "83 XP is level 2");
        Assert.That(skills.AddXp(Skill.Attack, 9), Is.Zero);
        Assert.That(skills.AddXp(Skill.Attack, 1_000_000), Is.EqualTo(47), "100,083 XP is level 49");
        Assert.That(skills.Level(Skill.Attack), Is.EqualTo(49));
    }

    [Test]
    public void Stored_xp_rebuilds_levels_and_clamps_bad_values()
    {
        var xp = new int[Skills.Count];
        xp[(int)Skill.Mining] = 1_010_000;
        xp[(int)Skill.Fishing] = -40;
        xp[(int)Skill.Cooking] = int.MaxValue;

        var skills = Skills.FromXpTenths(xp);

        Assert.That(skills.Level(Skill.Mining), Is.EqualTo(49), "101,000 XP");
        Assert.That(skills.XpTenths(Skill.Fishing), Is.Zero);
        Assert.That(skills.XpTenths(Skill.Cooking), Is.EqualTo(XpTable.MaxXpTenths));
        Assert.That(skills.Level(Skill.Cooking), Is.EqualTo(99));
        Assert.Throws<ArgumentException>(() => Skills.FromXpTenths(new int[3]));
    }
}
