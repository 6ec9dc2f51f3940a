namespace Hyperscape.Ecs.Game.Components;

/// <summary>A player's 28-slot inventory (224 bytes, inline in its column). Change it through <see cref="Rules.InventoryRules"/>.</summary>
public struct Inventory
{
    /// <summary>Slots in an inventory.</summary>
    public const int SlotCount = 28;

    /// <summary>The slots.</summary>
    public InventorySlots Slots;
}
