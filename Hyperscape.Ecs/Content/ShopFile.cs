using System.Text.Json;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Content;

/// <summary>Reads <c>shops.json</c> (docs/CONTENT.md): each shop's stock and prices.</summary>
internal static class ShopFile
{
    /// <summary>The shops of the file, numbered in file order; items are named by <paramref name="itemIds"/>.</summary>
    public static List<ShopDefinition> Read(JsonElement root, ContentReader reader, IReadOnlyDictionary<string, int> itemIds)
    {
        var shops = new List<ShopDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in reader.Array(root, "$", "shops"))
        {
            reader.Only(element, path, "id", "name", "general", "sellPercent", "buyPercent", "restockTicks", "stock");
            var key = ItemFile.StringId(element, path, reader, seen);
            var name = reader.String(element, path, "name");
            var lines = new List<ShopLine>();
            var stock = reader.Array(element, path, "stock");
            if (stock.Count > ShopDefinition.MaxLines)
            {
                reader.Problem(ContentReader.Join(path, "stock"), $"at most {ShopDefinition.MaxLines} lines");
            }

            foreach (var (line, at) in stock)
            {
                reader.Only(line, at, "item", "quantity");
                var item = reader.Key(line, at, "item", itemIds, "item");
                var quantity = reader.IntIn(line, at, "quantity", 0, 1_000_000);
                if (item is { } id && lines.Exists(l => l.ItemId == id))
                {
                    reader.Problem(ContentReader.Join(at, "item"), "this item has a line already");
                }
                else if (item is { } added)
                {
                    lines.Add(new ShopLine(added, quantity));
                }
            }

            var general = reader.BoolOr(element, path, "general", false);
            if (lines.Count == 0 && !general)
            {
                reader.Problem(ContentReader.Join(path, "stock"), "a shop that is not a general store sells something");
            }

            var sell = reader.IntOr(element, path, "sellPercent", 100, 1, 10_000);
            var buy = reader.IntOr(element, path, "buyPercent", 40, 0, 100);
            if (buy > sell)
            {
                reader.Problem(ContentReader.Join(path, "buyPercent"), $"at most sellPercent ({sell}): buying and selling back would make coins");
            }

            if (key is not null && name is not null)
            {
                shops.Add(new ShopDefinition(shops.Count + 1, name, general, [.. lines])
                {
                    Key = key,
                    SellPercent = sell,
                    BuyPercent = buy,
                    RestockTicks = reader.IntOr(element, path, "restockTicks", 50, 1, 100_000),
                });
            }
        }

        return shops;
    }
}
