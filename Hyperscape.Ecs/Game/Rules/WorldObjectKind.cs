namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The kinds of fixed objects a world places (each blocks its tile).</summary>
public enum WorldObjectKind : byte
{
    /// <summary>A bank booth: the bank opens within 2 tiles of it.</summary>
    BankBooth = 1,

    /// <summary>A furnace: smelting ore into bars.</summary>
    Furnace = 2,

    /// <summary>An anvil: smithing bars into items.</summary>
    Anvil = 3,

    /// <summary>A cooking range.</summary>
    Range = 4,

    /// <summary>A fire a player lit: cook on it until it goes out.</summary>
    Fire = 5,

    /// <summary>A runecrafting altar: essence becomes the rune it makes (its variant).</summary>
    RuneAltar = 6,

    /// <summary>An obstacle of an agility course.</summary>
    Obstacle = 7,
}
