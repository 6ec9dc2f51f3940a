using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Host.Configuration;

namespace Hyperscape.Host.Web;

/// <summary>
/// What a browser client needs to draw and predict the world, served as JSON at
/// <c>/api/world</c>: the tile map, item and NPC names, the clock and the view. None of it is a
/// secret and none of it is state: the server still decides everything.
/// </summary>
/// <param name="Width">Tiles along X.</param>
/// <param name="Height">Tiles along Z.</param>
/// <param name="Blocked">
/// The blocked tiles, one bit per tile in row order (index z × width + x, least significant bit
/// first), base64: the client runs the server's own pathfinder on it to predict its walk.
/// </param>
/// <param name="Items">Item definitions by id.</param>
/// <param name="Npcs">NPC types by id.</param>
/// <param name="TickMs">Game tick length.</param>
/// <param name="FrameMs">Sync frame interval.</param>
/// <param name="ViewRadius">Tiles in view around the player.</param>
/// <param name="Privy">True when Privy access tokens are accepted (else sessions are anonymous).</param>
/// <param name="Voice">True when LiveKit voice is configured.</param>
/// <param name="UnarmedStyles">The combat options without a weapon, in button order.</param>
/// <param name="Prayers">The prayers, in id order.</param>
/// <param name="Altars">The tiles of the altars, where prayer points are restored.</param>
/// <param name="Resources">Resource types (trees, rocks, fishing spots) by id: the sync's resource entities name these.</param>
/// <param name="Water">Rectangles of water (blocked; drawn as water).</param>
/// <param name="Shops">Shop names by id: <c>OwnShop</c> names the shop by id.</param>
/// <param name="Recipes">What can be made, in file order: <c>Make</c> names a recipe by its product.</param>
/// <param name="Objects">The fixed objects: bank booths, furnaces, anvils, ranges, rune altars (with their rune).</param>
/// <param name="Courses">The agility courses; <c>LapCompleted</c> names one by its index plus one.</param>
/// <param name="Spells">The combat spells, in id order.</param>
public sealed record WorldDescription(
    int Width,
    int Height,
    string Blocked,
    IReadOnlyList<ItemDescription> Items,
    IReadOnlyList<NpcDescription> Npcs,
    double TickMs,
    double FrameMs,
    int ViewRadius,
    bool Privy,
    bool Voice,
    IReadOnlyList<string> UnarmedStyles,
    IReadOnlyList<PrayerDescription> Prayers,
    IReadOnlyList<Tile> Altars,
    IReadOnlyList<ResourceDescription> Resources,
    IReadOnlyList<TileArea> Water,
    IReadOnlyDictionary<int, string> Shops,
    IReadOnlyList<RecipeDescription> Recipes,
    IReadOnlyList<ObjectDescription> Objects,
    IReadOnlyList<CourseDescription> Courses,
    IReadOnlyList<SpellDescription> Spells)
{
    /// <summary>Describes <paramref name="content"/>, ticking every <paramref name="tickLength"/>, as the client sees it.</summary>
    public static WorldDescription From(SimulationOptions content, TimeSpan tickLength, ServerOptions server, int viewRadius)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(server);
        var map = content.Map;
        var bits = new byte[((map.Width * map.Height) + 7) / 8];
        for (var z = 0; z < map.Height; z++)
        {
            for (var x = 0; x < map.Width; x++)
            {
                if (!map.IsWalkable(new Tile(x, z)))
                {
                    var index = (z * map.Width) + x;
                    bits[index >> 3] |= (byte)(1 << (index & 7));
                }
            }
        }

        var items = new List<ItemDescription>();
        for (var id = 0; id <= content.Items.MaxId; id++)
        {
            if (content.Items.TryGet(id, out var item))
            {
                var styles = item.Slot == EquipmentSlot.Weapon ? StyleNames(item.Weapon) : [];
                var requirements = item.Requirements.Select(r => $"{r.Skill} {r.Level}").ToList();
                items.Add(new ItemDescription(item.Id, item.Name, item.Stackable, item.Slot is { } slot ? (int)slot : -1, item.Heals, styles, requirements, item.BuryXpTenths, item.Burnable is not null, item.Cookable is not null));
            }
        }

        var npcs = content.Npcs.All.Select(npc => new NpcDescription(npc.Id, npc.Name, npc.CombatLevel, npc.Hitpoints, npc.Aggressive, npc.ShopId)).ToList();
        return new WorldDescription(
            map.Width,
            map.Height,
            Convert.ToBase64String(bits),
            items,
            npcs,
            tickLength.TotalMilliseconds,
            server.FrameInterval.TotalMilliseconds,
            viewRadius,
            server.Privy.Enabled,
            server.LiveKit.Enabled,
            StyleNames(WeaponCategory.Unarmed),
            content.Prayers.All.Select(p => new PrayerDescription(p.Name, p.Level)).ToList(),
            content.Altars,
            content.Resources.All.Select(r => new ResourceDescription(r.Id, r.Name, r.Skill.ToString().ToLowerInvariant(), r.Level, r.ProductId, r.Blocks)).ToList(),
            content.Water,
            content.Shops.All.ToDictionary(s => s.Id, s => s.Name),
            content.Recipes.All.Select(r => new RecipeDescription(
                r.ProductId, r.Quantity, r.Skill.ToString().ToLowerInvariant(), r.Level, r.XpTenths, r.Station is { } station ? (int)station : 0,
                r.Inputs.Select(i => new[] { i.ItemId, i.Quantity }).ToList(), r.Tools)).ToList(),
            content.Objects.Select(o => new ObjectDescription(o.Tile, (int)o.Kind, o.Variant)).ToList(),
            content.AgilityCourses.Select(c => new CourseDescription(c.Name, c.LapXpTenths, c.Obstacles.Select(o => new ObstacleDescription(o.Name, o.At, o.Landing, o.Level, o.XpTenths)).ToList())).ToList(),
            content.Spells.All.Select(s => new SpellDescription(s.Id, s.Name, s.Level, s.MaxHit, s.Runes.Select(r => new[] { r.ItemId, r.Quantity }).ToList())).ToList());
    }

    private static List<string> StyleNames(WeaponCategory weapon)
    {
        var names = new List<string>();
        foreach (var option in WeaponStyles.Options(weapon))
        {
            names.Add(option.Name);
        }

        return names;
    }
}
