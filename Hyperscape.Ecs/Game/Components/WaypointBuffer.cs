using System.Runtime.CompilerServices;
using Hyperscape.Ecs.Game.Navigation;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>The turning points of a path, stored inline.</summary>
[InlineArray(Movement.MaxWaypoints)]
internal struct WaypointBuffer
{
    private Tile _element;
}
