using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>The 28 inventory slots, stored inline.</summary>
[InlineArray(Inventory.SlotCount)]
public struct InventorySlots
{
    private ItemStack _element;
}
