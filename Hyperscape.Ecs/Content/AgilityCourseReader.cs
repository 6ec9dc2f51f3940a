using System.Text.Json;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads the <c>agility</c> list of a world file (docs/CONTENT.md): courses of obstacles, each blocking its tile.</summary>
internal static class AgilityCourseReader
{
    /// <summary>The courses; their obstacles' tiles are blocked on <paramref name="map"/>, and <paramref name="places"/> gains what <see cref="Check"/> checks once everything stands.</summary>
    public static List<AgilityCourse> Read(JsonElement root, ContentReader reader, TileMap map, List<CoursePlace> places)
    {
        var courses = new List<AgilityCourse>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in reader.Array(root, "$", "agility"))
        {
            reader.Only(element, path, "id", "name", "lapXp", "obstacles");
            var key = ItemFile.StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var lapXp = reader.TenthsOr(element, path, "lapXp", 0);
            var obstacles = new List<AgilityObstacle>();
            var list = reader.Array(element, path, "obstacles");
            if (list.Count is 0 or > AgilityCourse.MaxObstacles)
            {
                reader.Problem(ContentReader.Join(path, "obstacles"), $"1 to {AgilityCourse.MaxObstacles} obstacles");
            }

            foreach (var (entry, at) in list)
            {
                if (Obstacle(entry, at, reader, map, places) is { } obstacle)
                {
                    obstacles.Add(obstacle);
                }
            }

            if (key is not null && name is not null && obstacles.Count == list.Count && list.Count is > 0 and <= AgilityCourse.MaxObstacles)
            {
                courses.Add(new AgilityCourse(key, name, lapXp, [.. obstacles]));
            }
        }

        return courses;
    }

    private static AgilityObstacle? Obstacle(JsonElement entry, string at, ContentReader reader, TileMap map, List<CoursePlace> places)
    {
        reader.Only(entry, at, "name", "at", "landing", "level", "xp", "ticks", "fail");
        var name = reader.String(entry, at, "name");
        var tile = reader.Required(entry, at, "at") is { } where ? reader.TileIn(where, ContentReader.Join(at, "at"), map) : null;
        if (tile is { } t)
        {
            if (!map.IsWalkable(t))
            {
                reader.Problem(ContentReader.Join(at, "at"), $"{t} is a wall, water or another object");
                tile = null;
            }
            else
            {
                // The obstacle is an object on its tile: the way over it is the crossing.
                map.SetBlocked(t);
                places.Add(new CoursePlace(t, ContentReader.Join(at, "at"), Beside: true));
            }
        }

        var landing = Landing(entry, at, "landing", reader, map, places);
        var level = reader.IntOr(entry, at, "level", 1, 1, XpTable.MaxLevel);
        var xp = reader.Required(entry, at, "xp") is not null ? reader.TenthsOr(entry, at, "xp", 0) : 0;
        var ticks = reader.IntOr(entry, at, "ticks", 2, 1, 100);
        var (low, high, damage, failLanding, failOk) = (256, 256, 0, default(Tile), true);
        if (ContentReader.Has(entry, "fail"))
        {
            var fail = entry.GetProperty("fail");
            var failAt = ContentReader.Join(at, "fail");
            reader.Only(fail, failAt, "low", "high", "damage", "landing");
            low = reader.IntIn(fail, failAt, "low", 0, 1000);
            high = reader.IntIn(fail, failAt, "high", 0, 1000);
            damage = reader.IntIn(fail, failAt, "damage", 0, 1000);
            if (high < low)
            {
                reader.Problem(ContentReader.Join(failAt, "high"), $"at least low ({low}): the odds rise with the level");
            }

            var fell = Landing(fail, failAt, "landing", reader, map, places);
            failOk = fell is not null;
            failLanding = fell ?? default;
        }

        return name is not null && tile is { } placed && landing is { } land && failOk
            ? new AgilityObstacle(name, placed, land, level, xp) { Ticks = ticks, Low = low, High = high, Damage = damage, FailLanding = failLanding }
            : null;
    }

    private static Tile? Landing(JsonElement element, string path, string field, ContentReader reader, TileMap map, List<CoursePlace> places)
    {
        if (reader.Required(element, path, field) is not { } where || reader.TileIn(where, ContentReader.Join(path, field), map) is not { } tile)
        {
            return null;
        }

        places.Add(new CoursePlace(tile, ContentReader.Join(path, field), Beside: false));
        return tile;
    }

    /// <summary>Once every object stands: each landing is walkable and each obstacle has a tile beside it to start from.</summary>
    public static void Check(IEnumerable<CoursePlace> places, ContentReader reader, TileMap map)
    {
        foreach (var place in places)
        {
            if (place.Beside && !WorldFile.HasWalkableNeighbour(map, place.Tile))
            {
                reader.Problem(place.Path, $"no walkable tile beside {place.Tile}: nobody could start the obstacle");
            }
            else if (!place.Beside && !map.IsWalkable(place.Tile))
            {
                reader.Problem(place.Path, $"{place.Tile} is a wall, water or an object: nobody can land there");
            }
        }
    }
}
