using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game.Shops;

/// <summary>Every shop's stock, and which shop each player has open.</summary>
internal sealed class ShopBook
{
    private readonly Dictionary<int, Shop> _shops = [];
    private readonly Dictionary<long, int> _open = [];

    /// <summary>Stocks every shop of the catalog.</summary>
    public ShopBook(ShopCatalog catalog)
    {
        foreach (var definition in catalog.All)
        {
            _shops[definition.Id] = new Shop(definition);
        }

        All = [.. _shops.Values];
    }

    /// <summary>The shops, as an array: the tick walks it and must not allocate an enumerator.</summary>
    public Shop[] All { get; }

    /// <summary>The shop of an id.</summary>
    public Shop this[int shopId] => _shops[shopId];

    /// <summary>The shop a player has open, if any.</summary>
    public bool TryGetOpen(long playerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Shop? shop)
    {
        shop = _open.TryGetValue(playerId, out var id) ? _shops[id] : null;
        return shop is not null;
    }

    /// <summary>Opens a shop for a player.</summary>
    public void Open(long playerId, int shopId) => _open[playerId] = shopId;

    /// <summary>Closes a player's shop; false when none was open.</summary>
    public bool Close(long playerId) => _open.Remove(playerId);
}
