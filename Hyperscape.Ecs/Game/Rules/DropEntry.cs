namespace Hyperscape.Ecs.Game.Rules;

/// <summary>One weighted line of a drop table: <paramref name="Weight"/> chances in the table's total.</summary>
/// <param name="Weight">Relative weight; a line with weight w out of total W drops with chance w/W.</param>
/// <param name="ItemId">The item dropped.</param>
/// <param name="MinQuantity">Fewest dropped.</param>
/// <param name="MaxQuantity">Most dropped (inclusive).</param>
public readonly record struct DropEntry(int Weight, int ItemId, int MinQuantity = 1, int MaxQuantity = 1);
