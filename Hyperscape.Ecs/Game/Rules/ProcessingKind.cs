namespace Hyperscape.Ecs.Game.Rules;

/// <summary>What a player is making.</summary>
public enum ProcessingKind : byte
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Lighting a fire from logs.</summary>
    Light,

    /// <summary>Cooking raw food on a fire or a range, one after another.</summary>
    Cook,

    /// <summary>Making a recipe's product, one make after another ("make-X").</summary>
    Make,
}
