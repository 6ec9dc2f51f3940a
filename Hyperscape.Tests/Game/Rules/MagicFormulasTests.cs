using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

/// <summary>Magic formulas against values worked out by hand from the OSRS definitions, and the spellbook's data.</summary>
public class MagicFormulasTests
{
    [Test]
    public void Accuracy_defence_and_max_hit_follow_the_osrs_definitions()
    {
        // Magic 1, no bonus: effective 1 + 9 = 10, roll 10 × 64 = 640. Magic 40 with a staff of air (+10): 49 × 74 = 3,626.
        Assert.That(MagicFormulas.AttackRoll(1, 0), Is.EqualTo(640));
        Assert.That(MagicFormulas.AttackRoll(40, 10), Is.EqualTo(3626));

        // A cow (magic 1, no magic defence): (1 + 9) × 64 = 640.
        Assert.That(MagicFormulas.NpcDefenceRoll(1, 0), Is.EqualTo(640));

        // A player with magic 40 and defence 40 on accurate: effective defence 40 + 8 = 48;
        // floor(0.7 × 40 + 0.3 × 48) = floor(42.4) = 42; × (10 + 64) = 3,108.
        Assert.That(MagicFormulas.PlayerDefenceRoll(40, 40, AttackStyle.Accurate, 10), Is.EqualTo(3108));

        // A 12 max hit with +10% magic damage: floor(13.2) = 13.
        Assert.That(MagicFormulas.MaxHit(12, 10), Is.EqualTo(13));
        Assert.That(MagicFormulas.MaxHit(12, 0), Is.EqualTo(12));
    }

    // OSRS: spells land 1 + floor((1 + distance) / 3) ticks after the cast.
    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(5, 3)]
    [TestCase(8, 4)]
    [TestCase(10, 4)]
    public void Spells_land_after_their_flight(int distance, int ticks) =>
        Assert.That(MagicFormulas.HitDelay(distance), Is.EqualTo(ticks));

    [Test]
    public void A_cast_earns_its_base_xp_and_two_per_damage()
    {
        // Wind Strike: 5.5 base; a 2 hit adds 4: 9.5 XP, 95 tenths. A splash earns the base alone.
        Assert.That(MagicFormulas.XpTenths(55, 2), Is.EqualTo(95));
        Assert.That(MagicFormulas.XpTenths(55, 0), Is.EqualTo(55));
    }

    // The OSRS wiki's pages of each spell: level, base XP, max hit, runes.
    [Test]
    public void The_default_spellbook_is_osrs_strikes_and_bolts()
    {
        var book = SpellBook.Standard;
        Assert.That(book.All.Select(s => (s.Name, s.Level, s.XpTenths, s.MaxHit)), Is.EqualTo(new[]
        {
            ("Wind Strike", 1, 55, 2), ("Water Strike", 5, 75, 4), ("Earth Strike", 9, 95, 6), ("Fire Strike", 13, 115, 8),
            ("Wind Bolt", 17, 135, 9), ("Water Bolt", 23, 165, 10), ("Earth Bolt", 29, 195, 11), ("Fire Bolt", 35, 225, 12),
        }));
        Assert.That(book.All[0].Runes, Is.EqualTo(new[] { new ItemStack(ItemIds.AirRune, 1), new ItemStack(ItemIds.MindRune, 1) }));
        Assert.That(book.All[7].Runes, Is.EqualTo(new[] { new ItemStack(ItemIds.AirRune, 3), new ItemStack(ItemIds.FireRune, 4), new ItemStack(ItemIds.ChaosRune, 1) }));
        Assert.That(ItemCatalog.Standard[ItemIds.StaffOfAir].RuneSource, Is.EqualTo(ItemIds.AirRune));
    }
}
