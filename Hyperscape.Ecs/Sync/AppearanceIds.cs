using System.Runtime.CompilerServices;
using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Sync;

/// <summary>
/// The worn item ids the sync shows of a player: the equipment as last confirmed durable, which
/// trails the world's while an equip, a trade or a death waits for its commit.
/// </summary>
[InlineArray(Equipment.SlotCount)]
internal struct AppearanceIds
{
    private int _element;
}
