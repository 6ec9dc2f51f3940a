namespace Hyperscape.Host.Zones;

/// <summary>How the ownership-moving save ended.</summary>
internal enum CommitOutcome
{
    /// <summary>Committed (or found committed by this very crossing when retried).</summary>
    Committed,

    /// <summary>Zero rows: this zone no longer owned the character at its epoch.</summary>
    Fenced,

    /// <summary>An error whose outcome is unknown: retried, since the conditional save can only commit once.</summary>
    Failed,
}
