namespace Hyperscape.Host.Zones;

/// <summary>How the receiving zone took a hand-off doorbell.</summary>
internal enum DoorbellAnswer
{
    /// <summary>A new crossing: load the character, then answer with the token.</summary>
    Load,

    /// <summary>The same crossing again: answer with the token given before, load nothing.</summary>
    Repeat,

    /// <summary>An older epoch than one already answered: refuse it.</summary>
    Stale,
}
