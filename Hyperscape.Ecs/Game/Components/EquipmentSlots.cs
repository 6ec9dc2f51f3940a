using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>The eleven equipment slots, indexed by <see cref="Rules.EquipmentSlot"/>, stored inline.</summary>
[InlineArray(Equipment.SlotCount)]
public struct EquipmentSlots
{
    private ItemStack _element;
}
