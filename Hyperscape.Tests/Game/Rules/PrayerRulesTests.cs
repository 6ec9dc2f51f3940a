using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

public class PrayerRulesTests
{
    private static readonly PrayerBook Book = PrayerBook.Standard;

    // Drain effect per tick against a resistance of 60 + 2 x bonus: a point goes each time the
    // counter passes the resistance. Thick Skin (1): 60 ticks a point, 36 s as OSRS lists it.
    // Rock Skin (6): 10 ticks, 6 s. Protect from Melee (12): 5 ticks, 3 s.
    [TestCase(Prayer.ThickSkin, 0, 61, 60)]
    [TestCase(Prayer.RockSkin, 0, 11, 10)]
    [TestCase(Prayer.ProtectFromMelee, 0, 6, 5)]
    [TestCase(Prayer.ThickSkin, 10, 81, 80)]
    public void Points_drain_at_osrs_rates(Prayer prayer, int prayerBonus, int firstPointAtTick, int thenEvery)
    {
        var state = new PrayerState { Points = 10, Active = Book.Get(prayer).Bit };
        var drainedAt = new List<int>();
        for (var tick = 1; drainedAt.Count < 3; tick++)
        {
            var before = state.Points;
            PrayerRules.Drain(Book, ref state, prayerBonus);
            if (state.Points < before)
            {
                drainedAt.Add(tick);
            }
        }

        Assert.That(drainedAt, Is.EqualTo(new[] { firstPointAtTick, firstPointAtTick + thenEvery, firstPointAtTick + (2 * thenEvery) }));
    }

    [Test]
    public void Running_out_switches_every_prayer_off()
    {
        var state = new PrayerState { Points = 1, Active = Book.Get(Prayer.ProtectFromMelee).Bit | Book.Get(Prayer.SteelSkin).Bit };
        var ticks = 0;
        while (!PrayerRules.Drain(Book, ref state, 0))
        {
            ticks++;
        }

        Assert.That(ticks, Is.EqualTo(2), "24 a tick against 60: the counter passes it on the third tick");
        Assert.That((state.Points, state.Active, state.DrainCounter), Is.EqualTo((0, 0, 0)));
        Assert.That(PrayerRules.Drain(Book, ref state, 0), Is.False, "nothing on, nothing drains");
    }

    [Test]
    public void Switching_on_needs_the_level_and_a_point_and_replaces_the_group()
    {
        var state = new PrayerState { Points = 5 };
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.RockSkin, on: true, prayerLevel: 9), Is.EqualTo(RejectionReason.LevelTooLow));
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.ThickSkin, on: true, prayerLevel: 10), Is.EqualTo(RejectionReason.None));
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.BurstOfStrength, on: true, prayerLevel: 10), Is.EqualTo(RejectionReason.None));
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.RockSkin, on: true, prayerLevel: 10), Is.EqualTo(RejectionReason.None));
        Assert.That(state.IsActive(Prayer.ThickSkin), Is.False, "Rock Skin replaces Thick Skin");
        Assert.That(state.IsActive(Prayer.RockSkin) && state.IsActive(Prayer.BurstOfStrength), Is.True, "another group's prayer stays on");

        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.RockSkin, on: false, prayerLevel: 10), Is.EqualTo(RejectionReason.None));
        Assert.That(state.IsActive(Prayer.RockSkin), Is.False);
        state.Points = 0;
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.ThickSkin, on: true, prayerLevel: 10), Is.EqualTo(RejectionReason.NoPrayerPoints));
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.BurstOfStrength, on: false, prayerLevel: 10), Is.EqualTo(RejectionReason.None), "off is always allowed");
    }

    [TestCase(99, 15, 113)]
    [TestCase(40, 5, 42)]
    [TestCase(70, 10, 77)]
    [TestCase(1, 15, 1)]
    public void A_boost_raises_the_level_and_rounds_down(int level, int percent, int expected) =>
        Assert.That(PrayerRules.Boost(level, percent), Is.EqualTo(expected));

    [Test]
    public void Protect_from_melee_blocks_all_three_melee_types_and_nothing_else()
    {
        var melee = Book.Get(Prayer.ProtectFromMelee).Bit;
        Assert.That(new[] { AttackType.Stab, AttackType.Slash, AttackType.Crush }.All(t => PrayerRules.Blocks(Book, melee, t)), Is.True);
        Assert.That(PrayerRules.Blocks(Book, melee, AttackType.Ranged) || PrayerRules.Blocks(Book, melee, AttackType.Magic), Is.False);
        Assert.That(PrayerRules.Blocks(Book, Book.Get(Prayer.ProtectFromMissiles).Bit, AttackType.Ranged), Is.True);
        Assert.That(PrayerRules.Percentages(Book, Book.Get(Prayer.UltimateStrength).Bit | Book.Get(Prayer.ClarityOfThought).Bit), Is.EqualTo((5, 15, 0)));
    }

    [Test]
    public void Ranged_and_magic_boosts_exclude_every_other_offensive_boost_as_in_osrs()
    {
        var state = new PrayerState { Points = 99 };
        foreach (var prayer in new[] { Prayer.UltimateStrength, Prayer.IncredibleReflexes, Prayer.SteelSkin, Prayer.ProtectFromMelee })
        {
            Assert.That(PrayerRules.Toggle(Book, ref state, prayer, on: true, prayerLevel: 99), Is.EqualTo(RejectionReason.None));
        }

        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.EagleEye, on: true, prayerLevel: 99), Is.EqualTo(RejectionReason.None));
        Assert.That(state.Active, Is.EqualTo(Book.Get(Prayer.EagleEye).Bit | Book.Get(Prayer.SteelSkin).Bit | Book.Get(Prayer.ProtectFromMelee).Bit), "attack and strength off; defence and protection stay");
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.MysticMight, on: true, prayerLevel: 99), Is.EqualTo(RejectionReason.None));
        Assert.That(state.Active & Book.Get(Prayer.EagleEye).Bit, Is.Zero, "magic turns ranged off");
        Assert.That(PrayerRules.Toggle(Book, ref state, Prayer.BurstOfStrength, on: true, prayerLevel: 99), Is.EqualTo(RejectionReason.None));
        Assert.That(state.Active & Book.Get(Prayer.MysticMight).Bit, Is.Zero, "strength turns magic off");
        Assert.That(PrayerRules.MissilePercentages(Book, Book.Get(Prayer.HawkEye).Bit | Book.Get(Prayer.MysticLore).Bit), Is.EqualTo((10, 10)));

        // OSRS levels and drain effects of the six (the OSRS wiki's prayer pages).
        Assert.That(new[] { Prayer.SharpEye, Prayer.MysticWill, Prayer.HawkEye, Prayer.MysticLore, Prayer.EagleEye, Prayer.MysticMight }.Select(p => (Book.Get(p).Level, Book.Get(p).Drain)),
            Is.EqualTo(new[] { (8, 1), (9, 1), (26, 6), (27, 6), (44, 12), (45, 12) }));
    }
}
