namespace Hyperscape.Ecs.Game;

/// <summary>
/// Makes a death's drops happen exactly once while the death is in flight: the first claim of a
/// death id wins and every later claim is refused, until the player respawns and the claim is
/// released (death ids are never reused, so a released id cannot come back from the game itself).
/// A host replaying deaths from storage claims the ones its database completed, and its own
/// record of completed deaths is what makes the lock hold across restarts.
/// </summary>
internal sealed class DeathLock
{
    private readonly HashSet<long> _claimed = [];

    /// <summary>The number of deaths claimed.</summary>
    public int Count => _claimed.Count;

    /// <summary>Claims a death; false when it was claimed before.</summary>
    public bool TryClaim(long deathId) => _claimed.Add(deathId);

    /// <summary>Forgets a finished death, so the set stays as small as the deaths in progress.</summary>
    public void Release(long deathId) => _claimed.Remove(deathId);

    /// <summary>True when the death was claimed.</summary>
    public bool IsClaimed(long deathId) => _claimed.Contains(deathId);
}
