namespace Hyperscape.Ecs.Persistence;

/// <summary>The result of creating a character: the character when <see cref="Outcome"/> is Created.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Character">The new character, or null when it was refused.</param>
public sealed record CharacterCreation(CharacterCreationOutcome Outcome, StoredCharacter? Character)
{
    /// <summary>Refused: the name is taken.</summary>
    public static CharacterCreation NameTaken { get; } = new(CharacterCreationOutcome.NameTaken, null);

    /// <summary>Refused: the account is at its cap.</summary>
    public static CharacterCreation LimitReached { get; } = new(CharacterCreationOutcome.LimitReached, null);
}
