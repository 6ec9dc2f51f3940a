namespace Hyperscape.Ecs.Game.Shops;

/// <summary>One line of a shop's stock.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Quantity">How many the shop holds now.</param>
/// <param name="Normal">How many it holds when stocked (0 for what players sold it).</param>
public readonly record struct StockLine(int ItemId, int Quantity, int Normal);
