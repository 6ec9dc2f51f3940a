namespace Hyperscape.Ecs.Game.Components;

/// <summary>A quantity of one item in a slot. <c>default</c> is the empty slot.</summary>
/// <param name="ItemId">The item, or 0 for an empty slot.</param>
/// <param name="Quantity">How many; positive whenever <paramref name="ItemId"/> is not 0.</param>
public readonly record struct ItemStack(int ItemId, int Quantity)
{
    /// <summary>True for an empty slot.</summary>
    public bool IsEmpty => ItemId == 0;
}
