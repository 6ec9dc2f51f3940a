namespace Hyperscape.Host.Zones;

/// <summary>
/// One border crossing as the sending zone drives it: freeze the player, wait until its item
/// transactions are durable, save it and move its ownership in one conditional transaction, ring
/// the other zone until it answers, then send the client over. The database row decides who owns
/// the character, never a message: before the commit the crossing can be given up and the player
/// stays; after it the player is the other zone's, whatever the doorbell does. Pure: the caller
/// does what each step returns and reports back, with the time in milliseconds.
/// </summary>
internal sealed class HandOff(HandOffTicket ticket, HandOffTimeouts timeouts)
{
    private long _retryWait;
    private long _ringingSince;

    /// <summary>The crossing.</summary>
    public HandOffTicket Ticket { get; } = ticket;

    /// <summary>Where it stands.</summary>
    public HandOffState State { get; private set; } = HandOffState.Idle;

    /// <summary>When <see cref="Poll"/> has something to do (milliseconds), or <see cref="long.MaxValue"/> while waiting on a result.</summary>
    public long Deadline { get; private set; } = long.MaxValue;

    /// <summary>The resume token the other zone answered, once it did.</summary>
    public string? ResumeToken { get; private set; }

    /// <summary>Whether the crossing is over (done, given up or dropped).</summary>
    public bool Finished => State is HandOffState.Done or HandOffState.Aborted or HandOffState.Dropped;

    /// <summary>The player stepped on the other zone's tile: freeze it.</summary>
    public HandOffAction Start(long now)
    {
        if (State != HandOffState.Idle)
        {
            throw new InvalidOperationException($"Crossing {Ticket.HandOffId} has already started ({State}).");
        }

        State = HandOffState.Frozen;
        Deadline = now + timeouts.Durable;
        return HandOffAction.Freeze;
    }

    /// <summary>The player's item transactions up to the crossing's tick are durable: commit the move.</summary>
    public HandOffAction ItemsDurable(long now)
    {
        if (State != HandOffState.Frozen)
        {
            return HandOffAction.None;
        }

        State = HandOffState.Committing;
        _retryWait = timeouts.FirstRetry;
        Deadline = long.MaxValue;
        return HandOffAction.Commit;
    }

    /// <summary>The ownership-moving save ended.</summary>
    public HandOffAction Committed(CommitOutcome outcome, long now)
    {
        if (State != HandOffState.Committing || Deadline != long.MaxValue)
        {
            // A result nobody waits for (a late reply to an earlier try): the state already moved on.
            return HandOffAction.None;
        }

        switch (outcome)
        {
            case CommitOutcome.Committed:
                State = HandOffState.Ringing;
                _ringingSince = now;
                _retryWait = timeouts.FirstRetry;
                Deadline = long.MaxValue;
                return HandOffAction.Ring;
            case CommitOutcome.Fenced:
                State = HandOffState.Dropped;
                Deadline = long.MaxValue;
                return HandOffAction.Drop;
            default:
                // Unknown outcome: the conditional save is tried again, never given up, because it
                // may have committed and only the database can say.
                Deadline = now + NextRetryWait();
                return HandOffAction.None;
        }
    }

    /// <summary>The doorbell answered with a resume token, or failed (timed out, refused, no zone process).</summary>
    public HandOffAction Rang(string? resumeToken, long now)
    {
        if (State != HandOffState.Ringing || Deadline != long.MaxValue)
        {
            return HandOffAction.None;
        }

        if (resumeToken is not null)
        {
            ResumeToken = resumeToken;
            State = HandOffState.Done;
            return HandOffAction.Redirect;
        }

        if (now - _ringingSince >= timeouts.RingFor)
        {
            State = HandOffState.Done;
            return HandOffAction.RedirectWithoutToken;
        }

        Deadline = now + NextRetryWait();
        return HandOffAction.None;
    }

    /// <summary>Time passed: a wait ran out, or a retry is due.</summary>
    public HandOffAction Poll(long now)
    {
        if (now < Deadline)
        {
            return HandOffAction.None;
        }

        Deadline = long.MaxValue;
        switch (State)
        {
            case HandOffState.Frozen:
                State = HandOffState.Aborted;
                return HandOffAction.Unfreeze;
            case HandOffState.Committing:
                return HandOffAction.Commit;
            case HandOffState.Ringing when now - _ringingSince >= timeouts.RingFor:
                State = HandOffState.Done;
                return HandOffAction.RedirectWithoutToken;
            case HandOffState.Ringing:
                return HandOffAction.Ring;
            default:
                return HandOffAction.None;
        }
    }

    private long NextRetryWait()
    {
        var wait = _retryWait;
        _retryWait = Math.Min(_retryWait * 2, timeouts.LongestRetry);
        return wait;
    }
}
