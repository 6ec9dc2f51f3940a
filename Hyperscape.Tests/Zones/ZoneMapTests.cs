using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Host.Zones;

namespace Hyperscape.Tests.Zones;

public class ZoneMapTests
{
    private static readonly ZoneRegion West = new(1, new Tile(0, 0), new Tile(127, 255));
    private static readonly ZoneRegion East = new(2, new Tile(128, 0), new Tile(255, 255));

    [Test]
    public void Every_tile_has_one_zone_and_a_step_over_the_line_is_a_crossing()
    {
        var map = ZoneMap.Create(version: 3, 256, 256, [West, East]);

        Assert.That((map.Version, map.Zones), Is.EqualTo((3, new[] { 1, 2 })));
        Assert.That((map.ZoneOf(new Tile(0, 0)), map.ZoneOf(new Tile(127, 200)), map.ZoneOf(new Tile(128, 200)), map.ZoneOf(new Tile(255, 255))), Is.EqualTo((1, 1, 2, 2)));
        Assert.That(map.Crossing(new Tile(127, 10), new Tile(128, 10)), Is.EqualTo(2));
        Assert.That(map.Crossing(new Tile(128, 10), new Tile(127, 11)), Is.EqualTo(1), "diagonally back");
        Assert.That(map.Crossing(new Tile(120, 10), new Tile(127, 10)), Is.Zero, "up to the line is still home");
    }

    [Test]
    public void A_zone_may_own_several_rectangles()
    {
        var map = ZoneMap.Create(1, 4, 4, [new(1, new Tile(0, 0), new Tile(1, 3)), new(2, new Tile(2, 0), new Tile(3, 1)), new(1, new Tile(2, 2), new Tile(3, 3))]);
        Assert.That(map.Zones, Is.EqualTo(new[] { 1, 2 }));
        Assert.That((map.ZoneOf(new Tile(3, 1)), map.ZoneOf(new Tile(3, 2))), Is.EqualTo((2, 1)));
    }

    [Test]
    public void A_table_with_problems_names_every_one()
    {
        var refused = Assert.Throws<ArgumentException>(() => ZoneMap.Create(0, 256, 256,
        [
            West,
            new(2, new Tile(120, 0), new Tile(255, 255)),
            new(0, new Tile(0, 0), new Tile(1, 1)),
            new(3, new Tile(10, 10), new Tile(5, 5)),
            new(3, new Tile(250, 250), new Tile(300, 300)),
        ]))!;

        Assert.That(refused.Message, Does.Contain("the version is 1 or more, not 0"));
        Assert.That(refused.Message, Does.Contain("region 1: tile (120, 0) is zone 1's already"));
        Assert.That(refused.Message, Does.Contain("region 2: zone ids run from 1 to 8388607, not 0"));
        Assert.That(refused.Message, Does.Contain("region 3: (10, 10)..(5, 5) is inside out or off the 256x256 map"));
        Assert.That(refused.Message, Does.Contain("region 4: (250, 250)..(300, 300) is inside out or off the 256x256 map"));
    }

    [Test]
    public void A_table_must_cover_the_whole_map()
    {
        var refused = Assert.Throws<ArgumentException>(() => ZoneMap.Create(1, 256, 256, [West]))!;
        Assert.That(refused.Message, Does.Contain("tile (128, 0) belongs to no zone"));
    }

    [Test]
    public void Network_ids_of_different_zones_never_meet()
    {
        Assert.That(ZoneMap.FirstNetworkId(1), Is.EqualTo((1L << 40) + 1));
        Assert.That(ZoneMap.ZoneOfNetworkId(ZoneMap.FirstNetworkId(2) + 123_456_789), Is.EqualTo(2));
        Assert.That(ZoneMap.ZoneOfNetworkId((2L << 40) - 1), Is.EqualTo(1), "the last id zone 1 may make is still zone 1's");
        Assert.That(ZoneMap.ZoneOfNetworkId(ZoneMap.FirstNetworkId(8_388_607) + (1L << 40) - 2), Is.EqualTo(8_388_607), "the last zone's last id still fits a long");
    }
}
