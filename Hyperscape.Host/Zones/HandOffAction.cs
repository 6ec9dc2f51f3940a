namespace Hyperscape.Host.Zones;

/// <summary>What the zone's loop must do next for a crossing; <see cref="None"/> while it waits.</summary>
internal enum HandOffAction
{
    /// <summary>Nothing now: wait for a result or the next deadline.</summary>
    None,

    /// <summary>Freeze the player and note when its item transactions are durable.</summary>
    Freeze,

    /// <summary>Save the player and move its ownership to the other zone in one conditional transaction.</summary>
    Commit,

    /// <summary>Ring the other zone's doorbell (again: it is idempotent).</summary>
    Ring,

    /// <summary>Remove the player here and tell its client to reconnect to the other zone with the token it answered.</summary>
    Redirect,

    /// <summary>
    /// Remove the player here and tell its client to log in at the other zone without a token: the
    /// doorbell never answered, and the other zone, which owns the character, loads it on login.
    /// </summary>
    RedirectWithoutToken,

    /// <summary>Give the player back its inputs: it stays in this zone.</summary>
    Unfreeze,

    /// <summary>Remove the player here without saving: another zone owns it.</summary>
    Drop,
}
