namespace Hyperscape.Ecs.Game.Components;

/// <summary>
/// What a dead player carried and wore, kept where the player fell: only its owner may take from it
/// until <see cref="BreaksAtTick"/>, when it breaks and its items lie on the ground for anyone.
/// </summary>
public struct Gravestone
{
    /// <summary>Room for everything a player can carry and wear.</summary>
    public const int SlotCount = Inventory.SlotCount + Equipment.SlotCount;

    /// <summary>The character whose items these are (a character id: the owner may log out and back in under a new network id).</summary>
    public long OwnerCharacterId;

    /// <summary>The death that filled it.</summary>
    public long DeathId;

    /// <summary>The tick it breaks open.</summary>
    public long BreaksAtTick;

    /// <summary>The items: the inventory's slots first, then the equipment's; emptied slots stay empty.</summary>
    public GravestoneSlots Slots;

    /// <summary>The number of stacks still inside.</summary>
    public readonly int StackCount
    {
        get
        {
            var count = 0;
            foreach (var stack in Slots)
            {
                count += stack.IsEmpty ? 0 : 1;
            }

            return count;
        }
    }
}
