using System.Runtime.CompilerServices;

namespace Hyperscape.Tests.Store.Components;

/// <summary>A fixed 28-element buffer, the shape of an inventory.</summary>
[InlineArray(28)]
public struct Slots28
{
    private int _element;
}
