using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>prayers.json</c> (docs/CONTENT.md): the prayers, numbered in file order from 0.</summary>
internal static class PrayerFile
{
    /// <summary>The prayers of the file.</summary>
    public static List<PrayerDefinition> Read(JsonElement root, ContentReader reader)
    {
        var prayers = new List<PrayerDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = reader.Array(root, "$", "prayers");
        if (list.Count > PrayerBook.MaxPrayers)
        {
            reader.Problem("prayers", $"at most {PrayerBook.MaxPrayers} prayers: an active set is a bit each");
        }

        foreach (var (element, path) in list)
        {
            reader.Only(element, path, "id", "name", "level", "drain", "group", "attackPercent", "strengthPercent", "defencePercent", "rangedPercent", "magicPercent", "protects");
            var key = ItemFile.StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var group = reader.Required(element, path, "group") is { } named ? reader.Enum(named, ContentReader.Join(path, "group"), (PrayerGroup)255) : (PrayerGroup)255;
            var protects = ContentReader.Has(element, "protects") ? reader.EnumOr(element, path, "protects", CombatClass.Melee) : (CombatClass?)null;
            if (protects is not null && group != PrayerGroup.Protection)
            {
                reader.Problem(ContentReader.Join(path, "protects"), "only a prayer of the protection group protects");
            }

            var definition = new PrayerDefinition(
                (Prayer)prayers.Count,
                name ?? "",
                reader.IntIn(element, path, "level", 1, XpTable.MaxLevel),
                reader.IntIn(element, path, "drain", 1, 1000),
                group,
                reader.IntOr(element, path, "attackPercent", 0, 0, 100),
                reader.IntOr(element, path, "strengthPercent", 0, 0, 100),
                reader.IntOr(element, path, "defencePercent", 0, 0, 100),
                protects,
                reader.IntOr(element, path, "rangedPercent", 0, 0, 100),
                reader.IntOr(element, path, "magicPercent", 0, 0, 100));
            if (key is not null && name is not null && group != (PrayerGroup)255 && prayers.Count < PrayerBook.MaxPrayers)
            {
                prayers.Add(definition with { Key = key });
            }
        }

        return prayers;
    }
}
