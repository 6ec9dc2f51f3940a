using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class RangedCombatTests
{
    private static readonly Tile CowHome = new(20, 20);

    private static Equipment Bow(int arrows)
    {
        var equipment = default(Equipment);
        equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(ItemIds.Shortbow, 1);
        if (arrows > 0)
        {
            equipment.Slots[(int)EquipmentSlot.Ammo] = new ItemStack(ItemIds.BronzeArrow, arrows);
        }

        return equipment;
    }

    private static (SimulationHarness Harness, long Player, long Cow) Range(Tile archerAt, int level, int arrows, Action<TileMap>? walls = null)
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, CowHome)], walls: walls);
        var player = harness.Join(archerAt, s => SimulationHarness.Strong(s, level) with { Equipment = Bow(arrows) });
        var cow = harness.NpcNear(CowHome);
        harness.Edit<Position>(cow) = Position.At(CowHome);
        harness.Edit<Health>(cow) = new Health(100_000, 100_000);
        harness.Edit<Health>(player) = new Health(100_000, level);
        return (harness, player, cow);
    }

    [Test]
    public void An_archer_shoots_from_where_it_stands_and_each_arrow_lands_after_its_flight()
    {
        var (harness, player, cow) = Range(new Tile(20, 15), 99, 100);
        harness.Act(PlayerAction.Attack(player, cow));
        harness.Step();
        var shot = harness.Events(GameEventKind.Projectile).Single();
        Assert.That((shot.Subject, shot.Other, shot.A, shot.B, shot.C), Is.EqualTo((player, cow, 1, ItemIds.BronzeArrow, 2)), "an arrow, 5 tiles: 1 + floor(8 / 6) = 2 ticks");
        var fired = harness.Sim.Tick;
        Assert.That(harness.TileOf(player), Is.EqualTo(new Tile(20, 15)), "in reach: no step toward the cow");
        harness.Step();
        Assert.That(harness.Events(GameEventKind.Damage).Where(e => e.Other == player), Is.Empty, "still in flight");
        harness.Step();
        var hit = harness.Events(GameEventKind.Damage).Single(e => e.Other == player);
        Assert.That(harness.Log.IndexOf(hit), Is.GreaterThan(harness.Log.IndexOf(shot)));
        Assert.That(harness.Sim.Tick - fired, Is.EqualTo(2));
    }

    [Test]
    public void Every_arrow_fired_is_in_the_quiver_on_the_ground_or_broken_and_xp_follows_the_damage()
    {
        var (harness, player, cow) = Range(new Tile(20, 14), 60, 200);
        var start = harness.Get<Skills>(player);
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(400);

        var shots = harness.Events(GameEventKind.Projectile).Count(e => e.Subject == player);
        var broken = harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.Subject == player && e.C == (int)ItemSink.Broken).Sum(e => e.B);
        var despawned = harness.Events(GameEventKind.ItemsDestroyed).Where(e => e.A == ItemIds.BronzeArrow && e.C == (int)ItemSink.Despawned).Sum(e => e.B);
        var onGround = harness.GroundItems().Where(g => g.Item.ItemId == ItemIds.BronzeArrow).Sum(g => g.Item.Quantity);
        var quiver = harness.Get<Equipment>(player).Slots[(int)EquipmentSlot.Ammo].Quantity;
        Assert.That(shots, Is.GreaterThan(90), "a shot every 4 ticks for 400 ticks");
        Assert.That(quiver + onGround + broken + despawned, Is.EqualTo(200), "no arrow made or lost (those left on the ground long enough despawn)");
        Assert.That(onGround, Is.GreaterThan(0));
        var piles = harness.GroundItems().Where(g => g.Item.ItemId == ItemIds.BronzeArrow).ToList();
        Assert.That(piles.Select(p => p.Tile).Distinct().Count(), Is.EqualTo(piles.Count), "one pile a tile: each arrow joins its owner's pile");
        Assert.That(piles.Max(p => p.Item.Quantity), Is.GreaterThan(1));
        Assert.That(quiver, Is.EqualTo(200 - shots));
        Assert.That((double)broken / shots, Is.InRange(0.2 - 0.12, 0.2 + 0.12), "one in five break (within 3σ at ~100 shots)");

        var damage = harness.Events(GameEventKind.Damage).Where(e => e.Other == player).Sum(e => e.A);
        var skills = harness.Get<Skills>(player);
        Assert.That(skills.XpTenths(Skill.Ranged) - start.XpTenths(Skill.Ranged), Is.EqualTo(damage * 40L), "4 ranged XP a damage, accurate");
        Assert.That(skills.XpTenths(Skill.Attack), Is.EqualTo(start.XpTenths(Skill.Attack)), "no melee XP");
    }

    [Test]
    public void The_highest_hit_over_thousands_of_ticks_is_the_max_hit_and_rapid_fires_every_three()
    {
        var (harness, player, cow) = Range(new Tile(20, 13), 99, 5000);
        harness.Do(PlayerAction.SetAttackStyle(player, 1));
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(3000);

        var hits = harness.Events(GameEventKind.Damage).Where(e => e.Other == player).Select(e => e.A).ToList();
        var max = RangedFormulas.MaxHit(99, AttackStyle.Rapid, ItemCatalog.Standard[ItemIds.BronzeArrow].Bonuses.RangedStrength);
        Assert.That(max, Is.EqualTo(12), "floor(0.5 + 107 × 71 / 640)");
        Assert.That(hits.Max(), Is.EqualTo(max));
        var shots = harness.Log.Where(e => e.Kind == GameEventKind.Projectile && e.Subject == player).ToList();
        Assert.That(shots.Count, Is.InRange(990, 1001), "rapid: a shot every 3 ticks over 3,000 ticks");
    }

    [Test]
    public void No_arrow_flies_through_a_wall_and_an_archer_out_of_reach_walks_into_it()
    {
        // A wall from x 16 to 24 on row 16 between an archer at (20, 13) and the cow at (20, 20), 7 tiles: in reach, out of sight.
        static void Wall(TileMap map) => map.BlockRectangle(new Tile(16, 16), new Tile(24, 16));
        var (harness, player, cow) = Range(new Tile(20, 13), 40, 50, Wall);
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(20);
        Assert.That(harness.Events(GameEventKind.Projectile), Is.Empty, "no shot through a wall");

        // From (28, 14) the cow is 8 tiles off past the wall's end: one step in, and it shoots.
        (harness, player, cow) = Range(new Tile(28, 14), 40, 50, Wall);
        harness.Do(PlayerAction.Attack(player, cow));
        for (var i = 0; i < 10 && harness.Events(GameEventKind.Projectile).Count == 0; i++)
        {
            harness.Step();
        }

        var from = harness.TileOf(player);
        Assert.That(harness.Events(GameEventKind.Projectile), Is.Not.Empty, "it walked into reach");
        Assert.That(from, Is.Not.EqualTo(new Tile(28, 14)));
        Assert.That(from.DistanceTo(harness.TileOf(cow)), Is.LessThanOrEqualTo(7));
        Assert.That(LineOfSight.Clear(harness.Sim.Context.Map, from, harness.TileOf(cow)), Is.True, "and sight");
    }

    [Test]
    public void Arrows_hit_as_often_as_the_osrs_roll_says()
    {
        var (harness, player, cow) = Range(new Tile(20, 13), 99, 5000);
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(3000);

        // Ranged 99, accurate, shortbow (+8): roll (99 + 8 + 3) × 72 = 7,920 against a cow's
        // (1 + 9) × 64 = 640: hit chance 1 − 642 / (2 × 7,921) = 0.95947; max hit floor(0.5 + 110 ×
        // 71 / 640) = 12, so 12 in 13 hits do damage: 0.88567 of shots. ~750 shots: σ ≈ 0.012, within 4.
        var hits = harness.Events(GameEventKind.Damage).Where(e => e.Other == player).Select(e => e.A).ToList();
        Assert.That(hits, Has.Count.InRange(740, 750));
        Assert.That((double)hits.Count(h => h > 0) / hits.Count, Is.EqualTo(0.95947 * 12 / 13).Within(0.048));
        Assert.That(hits.Max(), Is.EqualTo(12));
    }

    [Test]
    public void Eagle_eye_raises_the_ranged_level_for_accuracy_and_damage()
    {
        var (harness, player, cow) = Range(new Tile(20, 13), 99, 5000);
        harness.Edit<PrayerState>(player) = new PrayerState { Points = 99 };
        Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.EagleEye, on: true)), Is.EqualTo(RejectionReason.None));
        harness.Edit<PrayerState>(player).Points = 1_000_000;
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(3000);

        // floor(99 × 1.15) = 113; accurate: 113 + 8 + 3 = 124; max floor(0.5 + 124 × 71 / 640) = floor(14.26) = 14.
        Assert.That(RangedFormulas.MaxHit(PrayerRules.Boost(99, 15), AttackStyle.Accurate, 7), Is.EqualTo(14));
        Assert.That(harness.Events(GameEventKind.Damage).Where(e => e.Other == player).Max(e => e.A), Is.EqualTo(14), "12 without the prayer");
    }

    [Test]
    public void A_bow_without_arrows_stops_with_a_reason()
    {
        var (harness, player, cow) = Range(new Tile(20, 15), 40, 0);
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(2);
        var refused = harness.Events(GameEventKind.ActionRejected).Single(e => e.Subject == player);
        Assert.That((refused.A, refused.Reason), Is.EqualTo(((int)ActionKind.Attack, RejectionReason.NoAmmo)));
        Assert.That(harness.Get<CombatState>(player).Target.IsNull, Is.True);
        Assert.That(harness.Events(GameEventKind.Projectile), Is.Empty);
    }

    [TestCase(ItemIds.Shortbow, ItemIds.BronzeArrow, true)]
    [TestCase(ItemIds.Shortbow, ItemIds.IronArrow, true)]
    [TestCase(ItemIds.Shortbow, ItemIds.SteelArrow, false)]
    [TestCase(ItemIds.OakShortbow, ItemIds.SteelArrow, true)]
    public void A_bow_fires_arrows_up_to_its_tier(int bow, int arrow, bool fires)
    {
        var (harness, player, cow) = Range(new Tile(20, 15), 40, 10);
        ref var equipment = ref harness.Edit<Equipment>(player);
        equipment.Slots[(int)EquipmentSlot.Weapon] = new ItemStack(bow, 1);
        equipment.Slots[(int)EquipmentSlot.Ammo] = new ItemStack(arrow, 10);
        harness.Do(PlayerAction.Attack(player, cow));
        harness.Step(2);

        if (fires)
        {
            Assert.That(harness.Events(GameEventKind.Projectile).Single().B, Is.EqualTo(arrow));
            Assert.That(harness.Get<Equipment>(player).Slots[(int)EquipmentSlot.Ammo].Quantity, Is.EqualTo(9));
            return;
        }

        var refused = harness.Events(GameEventKind.ActionRejected).Single(e => e.Subject == player);
        Assert.That((refused.A, refused.Reason), Is.EqualTo(((int)ActionKind.Attack, RejectionReason.AmmoTooStrong)));
        Assert.That(harness.Events(GameEventKind.Projectile), Is.Empty);
        Assert.That(harness.Get<Equipment>(player).Slots[(int)EquipmentSlot.Ammo].Quantity, Is.EqualTo(10), "no arrow left the quiver");
    }

    [Test]
    public void Stronger_arrows_raise_the_max_hit_by_their_ranged_strength()
    {
        // Level 99, accurate: effective 99 + 8 + 3 = 110. OSRS max hit floor(0.5 + 110 × (strength + 64) / 640):
        // bronze (7) floor(12.70) = 12, iron (10) floor(13.22) = 13, steel (16) floor(14.25) = 14.
        Assert.That(RangedFormulas.MaxHit(99, AttackStyle.Accurate, Ecs.Content.GameContent.Default.Items[ItemIds.BronzeArrow].Bonuses.RangedStrength), Is.EqualTo(12));
        Assert.That(RangedFormulas.MaxHit(99, AttackStyle.Accurate, Ecs.Content.GameContent.Default.Items[ItemIds.IronArrow].Bonuses.RangedStrength), Is.EqualTo(13));
        Assert.That(RangedFormulas.MaxHit(99, AttackStyle.Accurate, Ecs.Content.GameContent.Default.Items[ItemIds.SteelArrow].Bonuses.RangedStrength), Is.EqualTo(14));
    }
}
