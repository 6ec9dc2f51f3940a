using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

public class CombatRulesTests
{
    [TestCase(1, 1, 1, 10, 1, 1, 1, 3)]
    [TestCase(99, 99, 99, 99, 99, 99, 99, 126)]
    [TestCase(60, 60, 60, 60, 1, 1, 43, 74)]
    [TestCase(1, 1, 1, 10, 99, 1, 1, 50)]
    [TestCase(40, 50, 30, 45, 1, 1, 1, 48)]
    public void Combat_level_follows_the_OSRS_formula(int attack, int strength, int defence, int hitpoints, int ranged, int magic, int prayer, int expected) =>
        Assert.That(CombatLevel.Compute(attack, strength, defence, hitpoints, ranged, magic, prayer), Is.EqualTo(expected));

    [Test]
    public void Effective_levels_add_eight_or_nine_plus_the_style_bonus()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CombatFormulas.EffectiveAttack(60, AttackStyle.Accurate, styleBonus: true), Is.EqualTo(71));
            Assert.That(CombatFormulas.EffectiveAttack(60, AttackStyle.Aggressive, styleBonus: true), Is.EqualTo(68));
            Assert.That(CombatFormulas.EffectiveAttack(60, AttackStyle.Controlled, styleBonus: true), Is.EqualTo(69));
            Assert.That(CombatFormulas.EffectiveStrength(99, AttackStyle.Aggressive, styleBonus: true), Is.EqualTo(110));
            Assert.That(CombatFormulas.EffectiveDefence(40, AttackStyle.Defensive, styleBonus: true), Is.EqualTo(52));
            Assert.That(CombatFormulas.EffectiveDefence(40, AttackStyle.Defensive, styleBonus: false), Is.EqualTo(49), "NPCs: level + 9");
        });
    }

    [Test]
    public void Hit_chance_uses_the_two_branches_of_the_accuracy_formula()
    {
        Assert.That(CombatFormulas.HitChance(10_000, 5_000), Is.EqualTo(0.74992500749925).Within(1e-12));
        Assert.That(CombatFormulas.HitChance(5_000, 10_000), Is.EqualTo(0.24997500249975).Within(1e-12));
        Assert.That(CombatFormulas.HitChance(0, 100), Is.Zero);
    }

    [TestCase(110, 0, 11)]
    [TestCase(108, 82, 25)]
    [TestCase(9, 0, 1)]
    public void Max_hit_rounds_half_up(int effectiveStrength, int strengthBonus, int expected) =>
        Assert.That(CombatFormulas.MaxHit(effectiveStrength, strengthBonus), Is.EqualTo(expected));

    [Test]
    public void Roll_is_effective_level_times_bonus_plus_64() =>
        Assert.That(CombatFormulas.Roll(71, 10), Is.EqualTo(71 * 74));

    [TestCase(4, 3)]
    [TestCase(5, 4)]
    [TestCase(6, 4)]
    [TestCase(7, 5)]
    public void Retaliation_comes_after_half_the_speed_rounded_up_plus_one(int speed, int delay) =>
        Assert.That(CombatFormulas.RetaliationDelay(speed), Is.EqualTo(delay));

    [Test]
    public void Xp_per_damage_is_four_to_the_style_and_four_thirds_shared()
    {
        Assert.That(CombatFormulas.StyleXpTenths(10), Is.EqualTo(400));
        Assert.That(CombatFormulas.SharedXpTenths(10), Is.EqualTo(133));
        Assert.That(CombatFormulas.SharedXpTenths(3), Is.EqualTo(40));
    }

    [TestCase(1, 0, true)]
    [TestCase(0, -1, true)]
    [TestCase(1, 1, false)]
    [TestCase(2, 0, false)]
    [TestCase(0, 0, false)]
    public void Melee_reaches_cardinal_neighbours_only(int dx, int dz, bool reaches) =>
        Assert.That(CombatFormulas.InMeleeReach(dx, dz), Is.EqualTo(reaches));

    [Test]
    public void Npcs_ignore_players_above_twice_their_level()
    {
        Assert.That(NpcRules.WillAggro(npcLevel: 2, playerLevel: 4), Is.True);
        Assert.That(NpcRules.WillAggro(npcLevel: 2, playerLevel: 5), Is.False);
    }

    [Test]
    public void Standard_npcs_have_their_expected_combat_levels()
    {
        Assert.That(NpcCatalog.Standard[NpcIds.Goblin].CombatLevel, Is.EqualTo(2));
        Assert.That(NpcCatalog.Standard[NpcIds.Cow].CombatLevel, Is.EqualTo(2));
        Assert.That(NpcCatalog.Standard[NpcIds.HillGiant].CombatLevel, Is.EqualTo(28));
    }
}
