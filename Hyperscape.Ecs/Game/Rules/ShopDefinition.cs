namespace Hyperscape.Ecs.Game.Rules;

/// <summary>
/// A shop: what it stocks and at what prices, from <c>shops.json</c>. A player pays
/// <see cref="SellPercent"/> of an item's value (at least 1 coin); the shop pays
/// <see cref="BuyPercent"/> (rounded down) for what it buys: anything at a general store, only its
/// own lines elsewhere.
/// </summary>
/// <param name="Id">The shop id.</param>
/// <param name="Name">Display name.</param>
/// <param name="General">A general store buys anything (but coins).</param>
/// <param name="Stock">Its lines in order, each with its normal quantity.</param>
public sealed record ShopDefinition(int Id, string Name, bool General, ShopLine[] Stock)
{
    /// <summary>The most lines a shop shows (its own and what players sold it).</summary>
    public const int MaxLines = 40;

    /// <summary>The string id content files name it by.</summary>
    public string Key { get; init; } = Content.ContentKey.Of(Name);

    /// <summary>What a player pays, in percent of the value.</summary>
    public int SellPercent { get; init; } = 100;

    /// <summary>What the shop pays, in percent of the value.</summary>
    public int BuyPercent { get; init; } = 40;

    /// <summary>Ticks between restocks: each line moves one toward its normal quantity (sold-in items toward none).</summary>
    public int RestockTicks { get; init; } = 50;

    /// <summary>The price a player pays for one of an item of <paramref name="value"/>.</summary>
    public int PriceToBuy(int value) => Math.Max(1, (int)Math.Min(int.MaxValue, (long)value * SellPercent / 100));

    /// <summary>What the shop pays for one of an item of <paramref name="value"/> (0 for a worthless item).</summary>
    public int PriceToSell(int value) => (int)((long)value * BuyPercent / 100);
}
