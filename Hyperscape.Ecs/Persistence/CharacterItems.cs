using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Persistence;

/// <summary>A character's inventory and equipment (and bank, when it changed) as they stand after an item transaction.</summary>
/// <param name="CharacterId">The character.</param>
/// <param name="Inventory">All 28 slots.</param>
/// <param name="Equipment">All 11 slots.</param>
public sealed record CharacterItems(long CharacterId, Inventory Inventory, Equipment Equipment)
{
    /// <summary>The bank after the transaction, slot by slot, when the transaction changed it; null when it did not.</summary>
    public IReadOnlyList<ItemStack>? Bank { get; init; }
}
