namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The table of shops, indexed by id.</summary>
public sealed class ShopCatalog
{
    private readonly ShopDefinition?[] _byId;

    /// <summary>Builds a catalog; ids must be positive and unique.</summary>
    public ShopCatalog(IEnumerable<ShopDefinition> shops)
    {
        ArgumentNullException.ThrowIfNull(shops);
        var list = shops.ToList();
        _byId = new ShopDefinition?[(list.Count == 0 ? 0 : list.Max(s => s.Id)) + 1];
        foreach (var shop in list)
        {
            if (shop.Id <= 0 || _byId[shop.Id] is not null)
            {
                throw new ArgumentException($"Shop '{shop.Name}' has id {shop.Id}, which is not positive or not unique.", nameof(shops));
            }

            _byId[shop.Id] = shop;
        }

        All = list;
    }

    /// <summary>A world without shops.</summary>
    public static ShopCatalog Empty { get; } = new([]);

    /// <summary>Every shop.</summary>
    public IReadOnlyList<ShopDefinition> All { get; }

    /// <summary>Looks up a shop; false for unknown ids.</summary>
    public bool TryGet(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ShopDefinition? shop)
    {
        shop = (uint)id < (uint)_byId.Length ? _byId[id] : null;
        return shop is not null;
    }

    /// <summary>The shop of a known id.</summary>
    public ShopDefinition this[int id] =>
        TryGet(id, out var shop) ? shop : throw new KeyNotFoundException($"No shop has id {id}.");
}
