using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Tests.Game.Rules;

/// <summary>Ranged formulas against values worked out by hand from the OSRS definitions.</summary>
public class RangedFormulasTests
{
    [Test]
    public void Accuracy_and_max_hit_follow_the_osrs_definitions()
    {
        // Ranged 1, accurate, shortbow (+8) and bronze arrows (+7): effective 1 + 8 + 3 = 12;
        // attack roll 12 × (8 + 64) = 864; max hit floor(0.5 + 12 × (7 + 64) / 640) = floor(1.83) = 1.
        Assert.That(RangedFormulas.EffectiveRanged(1, AttackStyle.Accurate), Is.EqualTo(12));
        Assert.That(RangedFormulas.AttackRoll(1, AttackStyle.Accurate, 8), Is.EqualTo(864));
        Assert.That(RangedFormulas.MaxHit(1, AttackStyle.Accurate, 7), Is.EqualTo(1));

        // Ranged 99, rapid (no +3), oak shortbow (+14), bronze arrows: effective 107;
        // roll 107 × 78 = 8,346; max floor(0.5 + 107 × 71 / 640) = floor(12.37) = 12.
        Assert.That(RangedFormulas.AttackRoll(99, AttackStyle.Rapid, 14), Is.EqualTo(8346));
        Assert.That(RangedFormulas.MaxHit(99, AttackStyle.Rapid, 7), Is.EqualTo(12));

        // Longrange's +3 goes to defence: a player at defence 40 on longrange defends at 40 + 8 + 3.
        Assert.That(CombatFormulas.EffectiveDefence(40, AttackStyle.Longrange, styleBonus: true), Is.EqualTo(51));
    }

    [TestCase(7, AttackStyle.Accurate, 7)]
    [TestCase(7, AttackStyle.Rapid, 7)]
    [TestCase(7, AttackStyle.Longrange, 9)]
    [TestCase(9, AttackStyle.Longrange, 10)]
    [TestCase(10, AttackStyle.Longrange, 10)]
    public void Longrange_adds_two_tiles_up_to_ten(int weaponRange, AttackStyle style, int reach) =>
        Assert.That(RangedFormulas.Reach(weaponRange, style), Is.EqualTo(reach));

    // OSRS: arrows land 1 + floor((3 + distance) / 6) ticks after the shot.
    [TestCase(1, 1)]
    [TestCase(2, 1)]
    [TestCase(3, 2)]
    [TestCase(8, 2)]
    [TestCase(9, 3)]
    [TestCase(10, 3)]
    public void Arrows_land_after_their_flight(int distance, int ticks) =>
        Assert.That(RangedFormulas.HitDelay(distance), Is.EqualTo(ticks));

    [Test]
    public void Rapid_is_a_tick_faster_and_longrange_splits_the_xp()
    {
        Assert.That(RangedFormulas.AttackSpeed(4, AttackStyle.Rapid), Is.EqualTo(3));
        Assert.That(RangedFormulas.AttackSpeed(4, AttackStyle.Longrange), Is.EqualTo(4));
        Assert.That((RangedFormulas.RangedXpTenths(5, AttackStyle.Accurate), RangedFormulas.DefenceXpTenths(5, AttackStyle.Accurate)), Is.EqualTo((200, 0)), "4 XP a damage");
        Assert.That((RangedFormulas.RangedXpTenths(5, AttackStyle.Longrange), RangedFormulas.DefenceXpTenths(5, AttackStyle.Longrange)), Is.EqualTo((100, 100)), "2 and 2");
    }

    [Test]
    public void A_wall_between_blocks_the_line_of_sight_and_the_ends_do_not()
    {
        var map = new TileMap(20, 20);
        map.BlockRectangle(new Tile(10, 5), new Tile(10, 15));
        Assert.That(LineOfSight.Clear(map, new Tile(5, 10), new Tile(15, 10)), Is.False, "straight through the wall");
        Assert.That(LineOfSight.Clear(map, new Tile(5, 3), new Tile(15, 3)), Is.True, "past its end");
        Assert.That(LineOfSight.Clear(map, new Tile(5, 10), new Tile(9, 12)), Is.True, "up to it");
        Assert.That(LineOfSight.Clear(map, new Tile(8, 2), new Tile(12, 8)), Is.False, "a diagonal clipping it");
        Assert.That(LineOfSight.Clear(map, new Tile(10, 4), new Tile(10, 16)), Is.False, "along it");
        Assert.That(LineOfSight.Clear(map, new Tile(9, 10), new Tile(10, 10)), Is.True, "the target's own tile never blocks");
    }
}
