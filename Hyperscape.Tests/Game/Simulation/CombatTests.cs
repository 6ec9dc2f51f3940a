using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class CombatTests
{
    private static readonly Tile CowHome = new(20, 20);

    [Test]
    public void A_player_chases_then_hits_every_four_ticks_and_earns_xp_for_damage()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)]);
        var player = harness.Join(new Tile(20, 14), s => SimulationHarness.Strong(s, 40));
        var cow = harness.NpcNear(CowHome);
        harness.Edit<Health>(cow) = new Health(1000, 1000);

        Assert.That(harness.Do(PlayerAction.Attack(player, cow)), Is.EqualTo(RejectionReason.None));
        harness.Step(30);

        var swings = harness.Events(GameEventKind.Damage).Where(e => e.Other == player).ToList();
        Assert.That(swings, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(harness.TileOf(player).IsCardinallyAdjacentTo(harness.TileOf(cow)), Is.True);

        var damage = swings.Sum(e => e.A);
        var skills = harness.Get<Skills>(player);
        var start = XpTable.XpForLevel(40) * 10;
        Assert.That(skills.XpTenths(Skill.Attack) - start, Is.EqualTo(40 * damage), "accurate: 4 XP per damage to attack");
        Assert.That(skills.XpTenths(Skill.Strength), Is.EqualTo(start));
        Assert.That(skills.XpTenths(Skill.Constitution) - start, Is.EqualTo(swings.Sum(e => e.A * 40 / 3)), "4/3 per damage, per hit");
    }

    [Test]
    public void A_fighter_carried_to_another_world_keeps_its_combat_clocks_and_one_loaded_from_storage_has_none()
    {
        var here = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)]);
        var player = here.Join(new Tile(20, 14), s => SimulationHarness.Strong(s, 40));
        var cow = here.NpcNear(CowHome);
        here.Edit<Health>(cow) = new Health(1000, 1000);
        here.Do(PlayerAction.Attack(player, cow));
        for (var tick = 0; tick < 20 && !here.Events(GameEventKind.Damage).Any(e => e.Other == player); tick++)
        {
            here.Step();
        }


        Assert.That(here.Sim.TryCapture(player, out var captured), Is.True);
        var timers = captured!.CombatTimers;
        var combat = here.Get<CombatState>(player);
        Assert.That(timers, Is.EqualTo(new CombatTimers(
            (int)(combat.NextAttackTick - here.Sim.Tick), (int)Math.Max(0, combat.NextEatTick - here.Sim.Tick), (int)(combat.InCombatUntilTick - here.Sim.Tick))));
        Assert.That(timers.AttackIn, Is.GreaterThan(0), "it just swung");
        Assert.That(timers.InCombatFor, Is.GreaterThan(0));

        // The other world (another zone) at another tick count: the clocks go on from where they were.
        var there = new SimulationHarness();
        there.Step(7);
        var arrived = there.Join(new Tile(10, 10), _ => captured);
        var carried = there.Get<CombatState>(arrived);
        Assert.That(carried.NextAttackTick - there.Sim.Tick, Is.EqualTo(timers.AttackIn), "counted from the tick it arrived on");
        Assert.That(carried.InCombat(there.Sim.Tick), Is.True);

        // A character as storage gives it back carries no clocks.
        var loaded = there.Join(new Tile(12, 12), _ => captured with { CharacterId = 99, Name = "Loaded", CombatTimers = default });
        Assert.That(there.Get<CombatState>(loaded).InCombat(there.Sim.Tick), Is.False);
    }

    [Test]
    public void Swings_are_exactly_the_weapon_speed_apart()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)]);
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 30) with
        {
            Equipment = EquipmentWith(EquipmentSlot.Weapon, ItemIds.SteelLongsword),
        });
        var cow = harness.NpcNear(CowHome);
        harness.Edit<Health>(cow) = new Health(5000, 5000);
        harness.Edit<Position>(cow) = Position.At(CowHome);

        harness.Act(PlayerAction.Attack(player, cow));
        var swingTicks = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            harness.Step();
            if (harness.Sim.Events.ToArray().Any(e => e.Kind == GameEventKind.Damage && e.Other == player))
            {
                swingTicks.Add(harness.Sim.Tick);
            }
        }

        Assert.That(swingTicks, Has.Count.GreaterThanOrEqualTo(4));
        var gaps = swingTicks.Zip(swingTicks.Skip(1), (a, b) => b - a).Distinct().ToList();
        Assert.That(gaps, Is.EqualTo(new long[] { 5 }), "a steel longsword swings every 5 ticks");
    }

    [Test]
    public void The_npc_retaliates_after_the_retaliation_delay_and_both_stay_in_combat_17_ticks()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)]);
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 50));
        var cow = harness.NpcNear(CowHome);
        harness.Edit<Health>(cow) = new Health(5000, 5000);
        harness.Edit<Position>(cow) = Position.At(CowHome);

        harness.Act(PlayerAction.Attack(player, cow));
        harness.Step();
        var firstHit = harness.Sim.Tick;
        var combat = harness.Get<CombatState>(cow);

        Assert.That(combat.Target, Is.EqualTo(harness.EntityOf(player)), "the cow fights back");
        Assert.That(combat.NextAttackTick, Is.EqualTo(firstHit + CombatFormulas.RetaliationDelay(4)));
        Assert.That(combat.InCombatUntilTick, Is.EqualTo(firstHit + 17));
        Assert.That(harness.Get<CombatState>(player).InCombatUntilTick, Is.EqualTo(firstHit + 17));

        harness.Step(3);
        Assert.That(harness.Events(GameEventKind.Damage).Any(e => e.Subject == player && e.Other == cow), Is.True);
    }

    [Test]
    public void Damage_never_exceeds_the_health_left_and_health_never_goes_negative()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Chicken, CowHome)]);
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 99) with
        {
            Equipment = EquipmentWith(EquipmentSlot.Weapon, ItemIds.SteelLongsword),
        });
        var chicken = harness.NpcNear(CowHome);

        harness.Act(PlayerAction.Attack(player, chicken));
        harness.Step(15);

        var hits = harness.Events(GameEventKind.Damage).Where(e => e.Subject == chicken).ToList();
        Assert.That(hits.Sum(e => e.A), Is.EqualTo(3), "a chicken has 3 hitpoints to lose");
        Assert.That(hits.All(e => e.B >= 0), Is.True);
        Assert.That(harness.Events(GameEventKind.Died).Any(e => e.Subject == chicken), Is.True);
    }

    [Test]
    public void Attacks_on_players_missing_or_distant_targets_are_refused()
    {
        var harness = new SimulationHarness(size: 128, npcs: [new NpcSpawnPoint(NpcIds.Cow, new Tile(100, 100))]);
        var player = harness.Join(new Tile(5, 5));
        var other = harness.Join(new Tile(6, 5));
        var cow = harness.NpcNear(new Tile(100, 100));

        Assert.That(harness.Do(PlayerAction.Attack(player, other)), Is.EqualTo(RejectionReason.InvalidTarget));
        Assert.That(harness.Do(PlayerAction.Attack(player, 987_654)), Is.EqualTo(RejectionReason.TargetNotFound));
        Assert.That(harness.Do(PlayerAction.Attack(player, cow)), Is.EqualTo(RejectionReason.TargetTooFar));
    }

    [Test]
    public void A_controlled_style_splits_xp_over_attack_strength_and_defence()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)]);
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 40) with
        {
            AttackStyle = AttackStyle.Controlled,
            Equipment = EquipmentWith(EquipmentSlot.Weapon, ItemIds.SteelLongsword),
        });
        var cow = harness.NpcNear(CowHome);
        harness.Edit<Health>(cow) = new Health(5000, 5000);
        Assert.That(harness.Get<CombatState>(player).AttackType, Is.EqualTo(AttackType.Stab), "a longsword's controlled option is Lunge, a stab");

        harness.Act(PlayerAction.Attack(player, cow));
        harness.Step(40);

        var swings = harness.Events(GameEventKind.Damage).Where(e => e.Other == player).ToList();
        var share = swings.Sum(e => e.A * 40 / 3);
        var start = XpTable.XpForLevel(40) * 10;
        var skills = harness.Get<Skills>(player);
        Assert.That(share, Is.GreaterThan(0));
        Assert.That(skills.XpTenths(Skill.Attack) - start, Is.EqualTo(share));
        Assert.That(skills.XpTenths(Skill.Strength) - start, Is.EqualTo(share));
        Assert.That(skills.XpTenths(Skill.Defense) - start, Is.EqualTo(share));
    }

    [Test]
    public void The_chosen_button_picks_the_weapons_attack_type_and_stance()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 40) with
        {
            Inventory = SimulationHarness.InventoryOf((ItemIds.Bronze2hSword, 1), (ItemIds.BronzeSword, 1)),
        });
        var combat = harness.Get<CombatState>(player);
        Assert.That((combat.Option, combat.AttackType, combat.Style), Is.EqualTo(((byte)0, AttackType.Crush, AttackStyle.Accurate)), "bare hands punch: crush");
        Assert.That(harness.Do(PlayerAction.SetAttackStyle(player, 3)), Is.EqualTo(RejectionReason.InvalidValue), "fists have three options");

        Assert.That(harness.Do(PlayerAction.Equip(player, 0)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Do(PlayerAction.SetAttackStyle(player, 2)), Is.EqualTo(RejectionReason.None));
        combat = harness.Get<CombatState>(player);
        Assert.That((combat.AttackType, combat.Style), Is.EqualTo((AttackType.Crush, AttackStyle.Aggressive)), "a 2h sword's third option is Smash");
        Assert.That(harness.Do(PlayerAction.SetAttackStyle(player, 4)), Is.EqualTo(RejectionReason.InvalidValue));

        var sword = InventoryRules.FindStack(harness.Get<Inventory>(player), ItemIds.BronzeSword);
        Assert.That(harness.Do(PlayerAction.Equip(player, sword)), Is.EqualTo(RejectionReason.None));
        combat = harness.Get<CombatState>(player);
        Assert.That((combat.Option, combat.AttackType, combat.Style), Is.EqualTo(((byte)2, AttackType.Slash, AttackStyle.Aggressive)), "the same button on a short sword: Slash");

        Assert.That(harness.Do(PlayerAction.SetAttackStyle(player, 3)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Do(PlayerAction.Unequip(player, (int)EquipmentSlot.Weapon)), Is.EqualTo(RejectionReason.None));
        combat = harness.Get<CombatState>(player);
        Assert.That((combat.Option, combat.AttackType, combat.Style), Is.EqualTo(((byte)2, AttackType.Crush, AttackStyle.Defensive)), "fists have no fourth button: their last, Block");
    }

    [Test]
    public void A_stab_meets_the_stab_defence_and_a_slash_the_slash_defence()
    {
        // A platebody defends 15 against stabs and 9 against crushing blows: the same attacker hits
        // a crush more often. Accurate stab and crush, attack 40, no attack bonus, against defence 40:
        //   attack roll = (40 + 8 + 3) * 64 = 3,264
        //   stab:  defence roll = (40 + 8) * (15 + 64) = 3,792 -> 3,264 / (2 * 3,793) = 0.43026...
        //   crush: defence roll = (40 + 8) * (9 + 64) = 3,504  -> 3,264 / (2 * 3,505) = 0.46562...
        var plate = ItemCatalog.Standard[ItemIds.BronzePlatebody].Bonuses;
        var attacker = new MeleeRoll(40, 40, 40, 0, 0, 0, AttackStyle.Accurate, StyleBonus: true);
        var stabbed = new MeleeRoll(40, 40, 40, 0, 0, plate.Defence(AttackType.Stab), AttackStyle.Accurate, StyleBonus: true);
        var crushed = stabbed with { DefenceBonus = plate.Defence(AttackType.Crush) };
        Assert.That(CombatFormulas.Evaluate(attacker, stabbed).HitChance, Is.EqualTo(3264.0 / 7586.0).Within(1e-12));
        Assert.That(CombatFormulas.Evaluate(attacker, crushed).HitChance, Is.EqualTo(3264.0 / 7010.0).Within(1e-12));
    }

    [TestCase(0, 0.256, TestName = "A stab into a stab-proof dummy mostly misses")]
    [TestCase(2, 0.750, TestName = "A slash at the same dummy mostly lands")]
    public void A_swing_meets_the_targets_defence_against_its_own_type(int button, double expectedDamagingRate)
    {
        // A dummy with defence 1, +500 against stabs and nothing against slashes. A player with
        // 40 everywhere and a bronze sword (stab +4, slash +3, strength +5):
        //   Stab (accurate):    (40 + 8 + 3) * (4 + 64) = 3,468 against (1 + 9) * (500 + 64) = 5,640
        //                       chance 3,468 / 11,282 = 0.307; max hit floor(0.5 + 48 * 69 / 640) = 5
        //                       a damaging hit: 0.307 * 5 / 6 = 0.256
        //   Slash (aggressive): (40 + 8) * (3 + 64) = 3,216 against (1 + 9) * 64 = 640
        //                       chance 1 - 642 / 6,434 = 0.900; max hit floor(0.5 + 51 * 69 / 640) = 5
        //                       a damaging hit: 0.900 * 5 / 6 = 0.750
        var dummy = new NpcDefinition(NpcIds.Cow, "Dummy", 1, 1, 1, 5000, 4, false, new DropTable([], [], 1))
        {
            Bonuses = new(StabDefence: 500),
        };
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)], npcTypes: new NpcCatalog([dummy]));
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 40) with
        {
            Health = new Health(5000, 5000),
            Equipment = EquipmentWith(EquipmentSlot.Weapon, ItemIds.BronzeSword),
            AutoRetaliate = false,
        });
        Assert.That(harness.Do(PlayerAction.SetAttackStyle(player, button)), Is.EqualTo(RejectionReason.None));
        var target = harness.NpcNear(CowHome);
        harness.Act(PlayerAction.Attack(player, target));
        harness.Step(1_200);

        var swings = harness.Events(GameEventKind.Damage).Where(e => e.Other == player).ToList();
        Assert.That(swings, Has.Count.GreaterThanOrEqualTo(290), "a swing every 4 ticks");
        var rate = swings.Count(e => e.A > 0) / (double)swings.Count;
        var bound = 4 * Math.Sqrt(expectedDamagingRate * (1 - expectedDamagingRate) / swings.Count);
        Assert.That(rate, Is.EqualTo(expectedDamagingRate).Within(bound), $"{swings.Count} swings");
        Assert.That(swings.Max(e => e.A), Is.EqualTo(5), "the highest hit is the max hit");
    }

    [Test]
    public void An_npcs_swings_land_at_the_osrs_rate_and_reach_its_max_hit()
    {
        // A brute with attack 50 and strength 6 against a punching player with defence 1:
        //   NPC attack roll  (50 + 9) * (0 + 64) = 3,776
        //   player defence   (1 + 8 + 0) * (0 + 64) = 576
        //   chance           1 - (576 + 2) / (2 * 3,777) = 0.92348...
        //   max hit          floor(0.5 + (6 + 9) * 64 / 640) = 2; a damaging hit: 0.92348 * 2 / 3
        // The brute is aggressive and the player never hits back: no XP can change the player.
        var brute = new NpcDefinition(NpcIds.Cow, "Brute", 50, 6, 1, 50_000, 4, true, new DropTable([], [], 1));
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)], npcTypes: new NpcCatalog([brute]));
        var player = harness.Join(new Tile(20, 19), s => s with { Health = new Health(1_000_000, 1_000_000), AutoRetaliate = false });
        harness.Step(4_000);

        var taken = harness.Events(GameEventKind.Damage).Where(e => e.Subject == player).ToList();
        Assert.That(taken, Has.Count.GreaterThanOrEqualTo(990), "a swing every 4 ticks");
        var expected = (1 - (578.0 / 7554.0)) * 2 / 3;
        var rate = taken.Count(e => e.A > 0) / (double)taken.Count;
        Assert.That(rate, Is.EqualTo(expected).Within(4 * Math.Sqrt(expected * (1 - expected) / taken.Count)), $"{taken.Count} swings");
        Assert.That(taken.Max(e => e.A), Is.EqualTo(2), "the NPC's +9 makes strength 6 hit 2");
    }

    [Test]
    public void Levelling_constitution_raises_maximum_health()
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)]);
        var xp = new int[Skills.Count];
        xp[(int)Skill.Constitution] = 13_560; // 1,356 XP: two short of level 11
        var player = harness.Join(new Tile(20, 19), s => s with
        {
            Skills = Skills.FromXpTenths(xp),
            Equipment = EquipmentWith(EquipmentSlot.Weapon, ItemIds.SteelLongsword),
        });
        var cow = harness.NpcNear(CowHome);
        harness.Edit<Health>(cow) = new Health(5000, 5000);
        harness.Edit<Position>(cow) = Position.At(CowHome);

        harness.Act(PlayerAction.Attack(player, cow));
        harness.Step(60);

        var levelUp = harness.Events(GameEventKind.LevelUp).Single(e => e.Subject == player && e.A == (int)Skill.Constitution);
        Assert.That(levelUp.B, Is.EqualTo(11));
        Assert.That(harness.Get<Health>(player).Max, Is.EqualTo(11));
    }

    private static Equipment EquipmentWith(EquipmentSlot slot, int item)
    {
        var equipment = default(Equipment);
        equipment.Slots[(int)slot] = new ItemStack(item, 1);
        return equipment;
    }
}
