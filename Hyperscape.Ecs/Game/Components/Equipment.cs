namespace Hyperscape.Ecs.Game.Components;

/// <summary>What a player wears, slot by slot. Only ammunition holds more than one item.</summary>
public struct Equipment
{
    /// <summary>Equipment slots.</summary>
    public const int SlotCount = 11;

    /// <summary>The slots, indexed by <see cref="Rules.EquipmentSlot"/>.</summary>
    public EquipmentSlots Slots;
}
