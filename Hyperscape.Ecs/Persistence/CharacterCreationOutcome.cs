namespace Hyperscape.Ecs.Persistence;

/// <summary>How a request to create a character ended.</summary>
public enum CharacterCreationOutcome : byte
{
    /// <summary>The character exists now.</summary>
    Created = 1,

    /// <summary>Another character has the name (names are unique, case-insensitively).</summary>
    NameTaken = 2,

    /// <summary>The account already has as many characters as it may.</summary>
    LimitReached = 3,
}
