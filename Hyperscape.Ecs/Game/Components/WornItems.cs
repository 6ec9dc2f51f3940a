using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>The item ids a player wears, slot by slot as in <see cref="Equipment"/>: what a ghost of it shows.</summary>
[InlineArray(Equipment.SlotCount)]
public struct WornItems
{
    private int _element;
}
