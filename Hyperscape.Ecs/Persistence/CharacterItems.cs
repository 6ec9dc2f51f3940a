using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Persistence;

/// <summary>A character's inventory and equipment as they stand after an item transaction.</summary>
/// <param name="CharacterId">The character.</param>
/// <param name="Inventory">All 28 slots.</param>
/// <param name="Equipment">All 11 slots.</param>
public sealed record CharacterItems(long CharacterId, Inventory Inventory, Equipment Equipment);
