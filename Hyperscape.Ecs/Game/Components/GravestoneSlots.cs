using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>The slots of a gravestone, stored inline.</summary>
[InlineArray(Gravestone.SlotCount)]
public struct GravestoneSlots
{
    private ItemStack _element;
}
