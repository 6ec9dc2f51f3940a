namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The eleven equipment slots, in wire and storage order.</summary>
public enum EquipmentSlot : byte
{
    /// <summary>Helmets.</summary>
    Head,

    /// <summary>Capes.</summary>
    Cape,

    /// <summary>Amulets.</summary>
    Amulet,

    /// <summary>Weapons.</summary>
    Weapon,

    /// <summary>Body armour.</summary>
    Body,

    /// <summary>Shields; empty while a two-handed weapon is worn.</summary>
    Shield,

    /// <summary>Leg armour.</summary>
    Legs,

    /// <summary>Gloves.</summary>
    Gloves,

    /// <summary>Boots.</summary>
    Boots,

    /// <summary>Rings.</summary>
    Ring,

    /// <summary>Arrows and other stackable ammunition.</summary>
    Ammo,
}
