using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Simulation;

public class PrayerTests
{
    private static readonly Tile Home = new(20, 20);

    [Test]
    public void Burying_bones_gives_prayer_xp_and_destroys_them()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.Bones, 1), (ItemIds.BigBones, 1), (ItemIds.Logs, 1)) });
        var start = harness.Get<Skills>(player).XpTenths(Skill.Prayer);

        Assert.That(harness.Do(PlayerAction.Bury(player, 0)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Get<Skills>(player).XpTenths(Skill.Prayer) - start, Is.EqualTo(45), "bones: 4.5 XP");
        Assert.That(harness.Do(PlayerAction.Bury(player, 1)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Get<Skills>(player).XpTenths(Skill.Prayer) - start, Is.EqualTo(195), "big bones: 15 XP more");
        Assert.That(harness.Do(PlayerAction.Bury(player, 2)), Is.EqualTo(RejectionReason.NotBuryable));
        Assert.That(harness.Do(PlayerAction.Bury(player, 0)), Is.EqualTo(RejectionReason.EmptySlot));

        var buried = harness.Events(GameEventKind.ItemsDestroyed);
        Assert.That(buried.Select(e => (e.A, e.B, e.C)), Is.EqualTo(new[] { (ItemIds.Bones, 1, (int)ItemSink.Buried), (ItemIds.BigBones, 1, (int)ItemSink.Buried) }));
        Assert.That(harness.Get<Inventory>(player).Slots[2].ItemId, Is.EqualTo(ItemIds.Logs));
    }

    [Test]
    public void A_prayer_level_gained_is_a_point_gained()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => s with { Inventory = SimulationHarness.InventoryOf((ItemIds.BigBones, 6)) });
        Assert.That(harness.Get<PrayerState>(player).Points, Is.EqualTo(1));

        // Six big bones: 90 XP, level 2 at 83 XP.
        for (var i = 0; i < 6; i++)
        {
            Assert.That(harness.Do(PlayerAction.Bury(player, i)), Is.EqualTo(RejectionReason.None));
        }

        Assert.That(harness.Get<Skills>(player).Level(Skill.Prayer), Is.EqualTo(2));
        Assert.That(harness.Get<PrayerState>(player).Points, Is.EqualTo(2));
        Assert.That(harness.Events(GameEventKind.LevelUp).Single().A, Is.EqualTo((int)Skill.Prayer));
    }

    [Test]
    public void Protect_from_melee_blocks_an_npcs_hits_while_points_last()
    {
        var blocked = Fight(protect: true, out var pointsLeft, out var drained);
        var open = Fight(protect: false, out _, out _);

        Assert.That(blocked.Count, Is.GreaterThan(20), "the giant kept swinging");
        Assert.That(blocked.All(hit => hit == 0), Is.True, "every hit blocked");
        Assert.That(open.Count(hit => hit > 0), Is.GreaterThan(0), "without the prayer the giant hits");
        Assert.That(pointsLeft, Is.EqualTo(43 - 29), "a point every 5 ticks from tick 6 of 150");
        Assert.That(drained, Is.False);
    }

    [Test]
    public void Points_running_out_switch_the_prayers_off_with_an_event()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => SimulationHarness.Strong(s, 43));
        Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.ProtectFromMelee, on: true)), Is.EqualTo(RejectionReason.None));
        harness.Edit<PrayerState>(player).Points = 1;
        harness.Step(6);

        Assert.That(harness.Events(GameEventKind.PrayerDrained).Select(e => e.Subject), Is.EqualTo(new[] { player }));
        Assert.That(harness.Get<PrayerState>(player).Active, Is.Zero);
        Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.ProtectFromMelee, on: true)), Is.EqualTo(RejectionReason.NoPrayerPoints));
        Assert.That(harness.Do(PlayerAction.TogglePrayer(player, (Prayer)PrayerBook.Standard.Count, on: true)), Is.EqualTo(RejectionReason.InvalidValue), "one past the book");
        Assert.That(harness.Do(new PlayerAction(player, ActionKind.TogglePrayer, Quantity: 2, Value: 0)), Is.EqualTo(RejectionReason.InvalidValue));
    }

    [Test]
    public void An_altar_restores_points_to_the_prayer_level_from_next_to_it()
    {
        var altar = new Tile(12, 10);
        var harness = new SimulationHarness(altars: [altar]);
        var player = harness.Join(new Tile(10, 10), s => SimulationHarness.Strong(s, 43));
        harness.Edit<PrayerState>(player).Points = 3;

        Assert.That(harness.Do(PlayerAction.PrayAtAltar(player, 12, 10)), Is.EqualTo(RejectionReason.TargetTooFar), "two tiles away");
        Assert.That(harness.Do(PlayerAction.PrayAtAltar(player, 11, 10)), Is.EqualTo(RejectionReason.NoAltar));
        Assert.That(harness.Do(new PlayerAction(player, ActionKind.PrayAtAltar, X: 12.5f, Z: 10)), Is.EqualTo(RejectionReason.InvalidCoordinates));
        harness.Edit<Position>(player) = Position.At(new Tile(11, 11));
        Assert.That(harness.Do(PlayerAction.PrayAtAltar(player, 12, 10)), Is.EqualTo(RejectionReason.None));
        Assert.That(harness.Get<PrayerState>(player).Points, Is.EqualTo(43));
    }

    [Test]
    public void A_strength_prayer_raises_the_highest_hit()
    {
        // Strength 99, punching (accurate, no strength bonus): floor(0.5 + 107 * 64 / 640) = 11.
        // Ultimate Strength: floor(99 * 1.15) = 113; floor(0.5 + 121 * 64 / 640) = 12.
        Assert.That(HighestHit(withPrayer: false), Is.EqualTo(11));
        Assert.That(HighestHit(withPrayer: true), Is.EqualTo(12));
    }

    [Test]
    public void Dying_switches_prayers_off_and_respawning_restores_the_points()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => SimulationHarness.Strong(s, 43));
        Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.ProtectFromMelee, on: true)), Is.EqualTo(RejectionReason.None));
        harness.Edit<PrayerState>(player).Points = 7;
        harness.Edit<Health>(player).Current = 0;
        harness.Step();
        Assert.That(harness.Get<PrayerState>(player).Active, Is.Zero);
        harness.Step(10);
        Assert.That(harness.Events(GameEventKind.Respawned), Has.Count.EqualTo(1));
        Assert.That(harness.Get<PrayerState>(player).Points, Is.EqualTo(43));
    }

    [Test]
    public void Prayer_leaves_with_the_character_and_comes_back_within_its_level()
    {
        var harness = new SimulationHarness();
        var player = harness.Join(new Tile(10, 10), s => SimulationHarness.Strong(s, 43));
        Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.SteelSkin, on: true)), Is.EqualTo(RejectionReason.None));
        harness.Edit<PrayerState>(player).Points = 20;
        Assert.That(harness.Sim.TryCapture(player, out var state), Is.True);
        Assert.That((state!.PrayerPoints, state.ActivePrayers), Is.EqualTo((20, PrayerBook.Standard.Get(Prayer.SteelSkin).Bit)));

        // A stored state is untrusted: points above the level are cut, prayers above it stay off.
        var back = harness.Join(new Tile(12, 12), s => state with
        {
            CharacterId = 99,
            Name = "back",
            Skills = SimulationHarness.Strong(s, 30).Skills,
            PrayerPoints = 60,
            ActivePrayers = PrayerBook.Standard.Get(Prayer.SteelSkin).Bit | PrayerBook.Standard.Get(Prayer.ProtectFromMelee).Bit,
        });
        var prayer = harness.Get<PrayerState>(back);
        Assert.That((prayer.Points, prayer.Active), Is.EqualTo((30, PrayerBook.Standard.Get(Prayer.SteelSkin).Bit)));
    }

    private static List<int> Fight(bool protect, out int pointsLeft, out bool drained)
    {
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.HillGiant, Home)]);
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 43) with { Health = new Health(5000, 5000), PrayerPoints = 43 });
        var giant = harness.NpcNear(Home);
        harness.Edit<Health>(giant) = new Health(5000, 5000);
        if (protect)
        {
            Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.ProtectFromMelee, on: true)), Is.EqualTo(RejectionReason.None));
        }

        var startTick = harness.Sim.Tick;
        harness.Act(PlayerAction.Attack(player, giant));
        harness.Step(150 - (int)(harness.Sim.Tick - startTick) - 1);
        pointsLeft = harness.Get<PrayerState>(player).Points;
        drained = harness.Events(GameEventKind.PrayerDrained).Count > 0;
        return harness.Events(GameEventKind.Damage).Where(e => e.Subject == player).Select(e => e.A).ToList();
    }

    private static int HighestHit(bool withPrayer)
    {
        var dummy = new NpcDefinition(NpcIds.Cow, "Dummy", 1, 1, 1, 50_000, 4, false, new DropTable([], [], 1));
        var harness = new SimulationHarness(npcs: [new NpcSpawnPoint(NpcIds.Cow, Home)], npcTypes: new NpcCatalog([dummy]));
        var player = harness.Join(new Tile(20, 19), s => SimulationHarness.Strong(s, 99) with { AutoRetaliate = false, PrayerPoints = 99 });
        if (withPrayer)
        {
            Assert.That(harness.Do(PlayerAction.TogglePrayer(player, Prayer.UltimateStrength, on: true)), Is.EqualTo(RejectionReason.None));
        }

        harness.Act(PlayerAction.Attack(player, harness.NpcNear(Home)));
        harness.Step(400);
        Assert.That(harness.Get<PrayerState>(player).Active, Is.EqualTo(withPrayer ? PrayerBook.Standard.Get(Prayer.UltimateStrength).Bit : 0), "on all along");
        return harness.Events(GameEventKind.Damage).Where(e => e.Other == player).Max(e => e.A);
    }
}
