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
    public void Players_add_eight_plus_the_stance_and_npcs_add_nine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CombatFormulas.EffectiveAttack(60, AttackStyle.Accurate, styleBonus: true), Is.EqualTo(71), "60 + 8 + 3");
            Assert.That(CombatFormulas.EffectiveAttack(60, AttackStyle.Aggressive, styleBonus: true), Is.EqualTo(68), "60 + 8 + 0");
            Assert.That(CombatFormulas.EffectiveAttack(60, AttackStyle.Controlled, styleBonus: true), Is.EqualTo(69), "60 + 8 + 1");
            Assert.That(CombatFormulas.EffectiveStrength(99, AttackStyle.Aggressive, styleBonus: true), Is.EqualTo(110), "99 + 8 + 3");
            Assert.That(CombatFormulas.EffectiveDefence(40, AttackStyle.Defensive, styleBonus: true), Is.EqualTo(51), "a player's defence: 40 + 8 + 3");
            Assert.That(CombatFormulas.EffectiveDefence(40, AttackStyle.Accurate, styleBonus: true), Is.EqualTo(48), "40 + 8 + 0");
            Assert.That(CombatFormulas.EffectiveAttack(40, AttackStyle.Accurate, styleBonus: false), Is.EqualTo(49), "an NPC: 40 + 9, no stance");
            Assert.That(CombatFormulas.EffectiveStrength(40, AttackStyle.Aggressive, styleBonus: false), Is.EqualTo(49), "an NPC: 40 + 9, no stance");
            Assert.That(CombatFormulas.EffectiveDefence(40, AttackStyle.Defensive, styleBonus: false), Is.EqualTo(49), "an NPC: 40 + 9, no stance");
        });
    }

    [Test]
    public void An_npc_with_strength_six_hits_up_to_two()
    {
        // Effective strength 6 + 9 = 15; max hit = floor(0.5 + 15 * (0 + 64) / 640) = floor(2.0) = 2.
        // With the player's +8 it would be floor(0.5 + 14 * 64 / 640) = floor(1.9) = 1.
        var npc = new MeleeRoll(1, 6, 1, 0, 0, 0, AttackStyle.Accurate, StyleBonus: false);
        var player = new MeleeRoll(1, 1, 1, 0, 0, 0, AttackStyle.Accurate, StyleBonus: true);
        Assert.That(CombatFormulas.Evaluate(npc, player).MaxHit, Is.EqualTo(2));
    }

    [Test]
    public void A_hill_giant_against_a_defending_player_rolls_by_the_osrs_definitions()
    {
        // Hill giant: attack 18, strength 22, attack bonus 18, strength bonus 16.
        //   attack roll = (18 + 9) * (18 + 64) = 27 * 82 = 2,214
        //   max hit = floor(0.5 + (22 + 9) * (16 + 64) / 640) = floor(0.5 + 3.875) = 4
        // Player: defence 40, defensive stance, defence bonus 30.
        //   defence roll = (40 + 8 + 3) * (30 + 64) = 51 * 94 = 4,794
        // 2,214 <= 4,794: chance = 2,214 / (2 * (4,794 + 1)) = 2,214 / 9,590 = 0.230865...
        var giant = NpcCatalog.Standard[NpcIds.HillGiant];
        Assert.That(giant.AttackType, Is.EqualTo(AttackType.Crush));
        var npc = new MeleeRoll(giant.Attack, giant.Strength, giant.Defence, giant.Bonuses.Attack(AttackType.Crush), giant.Bonuses.MeleeStrength, 0, AttackStyle.Accurate, StyleBonus: false);
        var player = new MeleeRoll(1, 1, 40, 0, 0, 30, AttackStyle.Defensive, StyleBonus: true);
        var (chance, maxHit) = CombatFormulas.Evaluate(npc, player);
        Assert.That(maxHit, Is.EqualTo(4));
        Assert.That(chance, Is.EqualTo(2214.0 / 9590.0).Within(1e-12));
    }

    [Test]
    public void A_player_against_a_guard_rolls_by_the_osrs_definitions()
    {
        // Player: attack 60, accurate, attack bonus 21: (60 + 8 + 3) * (21 + 64) = 71 * 85 = 6,035.
        // Guard against a stab: defence 14, stab defence bonus 12: (14 + 9) * (12 + 64) = 23 * 76 = 1,748.
        // 6,035 > 1,748: chance = 1 - (1,748 + 2) / (2 * (6,035 + 1)) = 1 - 1,750 / 12,072 = 0.855036...
        var guard = NpcCatalog.Standard[NpcIds.Guard];
        var player = new MeleeRoll(60, 1, 1, 21, 0, 0, AttackStyle.Accurate, StyleBonus: true);
        var npc = new MeleeRoll(guard.Attack, guard.Strength, guard.Defence, 0, 0, guard.Bonuses.Defence(AttackType.Stab), AttackStyle.Accurate, StyleBonus: false);
        Assert.That(CombatFormulas.Evaluate(player, npc).HitChance, Is.EqualTo(1 - (1750.0 / 12072.0)).Within(1e-12));
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
