namespace Hyperscape.Ecs.Game.Rules;

/// <summary>A line a shop stocks.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">How many it holds when fully stocked.</param>
public readonly record struct ShopLine(int ItemId, int Quantity);
