using Hyperscape.Host.Zones;

namespace Hyperscape.Tests.Zones;

/// <summary>
/// The sending zone's side of a border crossing, driven by hand with a fake clock: every path to
/// done, every timeout and every abort, and results that come late or twice.
/// </summary>
public class HandOffTests
{
    private static readonly HandOffTicket Ticket = new(CharacterId: 42, FromZone: 1, ToZone: 2, Epoch: 7, HandOffId: 9001, Tick: 100);
    private static readonly HandOffTimeouts Timeouts = new(Durable: 5_000, FirstRetry: 100, LongestRetry: 400, RingFor: 10_000);

    [Test]
    public void A_crossing_freezes_commits_rings_and_redirects_with_the_token()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        Assert.That(handOff.Start(0), Is.EqualTo(HandOffAction.Freeze));
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Frozen));
        Assert.That(handOff.ItemsDurable(30), Is.EqualTo(HandOffAction.Commit));
        Assert.That(handOff.Committed(CommitOutcome.Committed, 40), Is.EqualTo(HandOffAction.Ring));
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Ringing));
        Assert.That(handOff.Rang("resume-b", 41), Is.EqualTo(HandOffAction.Redirect));
        Assert.That((handOff.State, handOff.ResumeToken, handOff.Finished), Is.EqualTo((HandOffState.Done, "resume-b", true)));
        Assert.That(Ticket.NextEpoch, Is.EqualTo(8), "the move commits the next epoch");
    }

    [Test]
    public void Items_that_never_become_durable_give_the_crossing_up_and_unfreeze_the_player()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        handOff.Start(1_000);
        Assert.That(handOff.Poll(5_999), Is.EqualTo(HandOffAction.None), "a millisecond early");
        Assert.That(handOff.Poll(6_000), Is.EqualTo(HandOffAction.Unfreeze));
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Aborted));
        Assert.That(handOff.ItemsDurable(6_001), Is.EqualTo(HandOffAction.None), "too late: nothing commits after giving up");
        Assert.That(handOff.Poll(100_000), Is.EqualTo(HandOffAction.None));
    }

    [Test]
    public void A_fenced_commit_drops_the_player_without_a_save_or_a_doorbell()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        handOff.Start(0);
        handOff.ItemsDurable(10);
        Assert.That(handOff.Committed(CommitOutcome.Fenced, 20), Is.EqualTo(HandOffAction.Drop));
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Dropped));
        Assert.That(handOff.Rang("token", 30), Is.EqualTo(HandOffAction.None));
        Assert.That(handOff.Poll(1_000_000), Is.EqualTo(HandOffAction.None));
    }

    [Test]
    public void A_commit_of_unknown_outcome_is_tried_again_with_doubling_waits_and_never_given_up()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        handOff.Start(0);
        handOff.ItemsDurable(0);
        var now = 0L;
        var waits = new List<long>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            Assert.That(handOff.Committed(CommitOutcome.Failed, now), Is.EqualTo(HandOffAction.None));
            waits.Add(handOff.Deadline - now);
            Assert.That(handOff.Poll(handOff.Deadline - 1), Is.EqualTo(HandOffAction.None));
            now = handOff.Deadline;
            Assert.That(handOff.Poll(now), Is.EqualTo(HandOffAction.Commit), "the conditional save again");
        }

        Assert.That(waits, Is.EqualTo(new long[] { 100, 200, 400, 400, 400, 400 }));
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Committing), "frozen, never unfrozen: the move may have committed");
        Assert.That(handOff.Committed(CommitOutcome.Committed, now), Is.EqualTo(HandOffAction.Ring));
    }

    [Test]
    public void A_late_commit_result_for_an_earlier_try_is_ignored()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        handOff.Start(0);
        handOff.ItemsDurable(0);
        handOff.Committed(CommitOutcome.Failed, 10);
        Assert.That(handOff.Committed(CommitOutcome.Committed, 20), Is.EqualTo(HandOffAction.None), "a retry is scheduled: this reply belongs to the failed try");
        Assert.That(handOff.Poll(handOff.Deadline), Is.EqualTo(HandOffAction.Commit));
        Assert.That(handOff.Committed(CommitOutcome.Committed, 200), Is.EqualTo(HandOffAction.Ring));
    }

    [Test]
    public void An_unanswered_doorbell_is_rung_again_and_after_a_while_the_client_logs_in_over_there()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        handOff.Start(0);
        handOff.ItemsDurable(0);
        handOff.Committed(CommitOutcome.Committed, 1_000);
        var now = 1_000L;
        var rings = 1;
        while (true)
        {
            var step = handOff.Rang(null, now);
            if (step == HandOffAction.RedirectWithoutToken)
            {
                break;
            }

            Assert.That(step, Is.EqualTo(HandOffAction.None));
            now = handOff.Deadline;
            var again = handOff.Poll(now);
            if (again == HandOffAction.RedirectWithoutToken)
            {
                break;
            }

            Assert.That(again, Is.EqualTo(HandOffAction.Ring));
            rings++;
        }

        Assert.That(now - 1_000, Is.GreaterThanOrEqualTo(10_000), "rung for the whole window");
        // Rung at 0, 100 and 300 ms into the window, then every 400 ms up to 9,900: 3 + 24 = 27.
        Assert.That(rings, Is.EqualTo(27), "waits of 100, 200, then 400 ms");
        Assert.That((handOff.State, handOff.ResumeToken), Is.EqualTo((HandOffState.Done, (string?)null)));
        Assert.That(handOff.Rang("too-late", now + 1), Is.EqualTo(HandOffAction.None), "the client was already sent on");
    }

    [Test]
    public void A_doorbell_answered_after_retries_still_redirects_with_its_token()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        handOff.Start(0);
        handOff.ItemsDurable(0);
        handOff.Committed(CommitOutcome.Committed, 0);
        handOff.Rang(null, 50);
        Assert.That(handOff.Poll(handOff.Deadline), Is.EqualTo(HandOffAction.Ring));
        Assert.That(handOff.Rang("resume-b", 200), Is.EqualTo(HandOffAction.Redirect));
        Assert.That(handOff.ResumeToken, Is.EqualTo("resume-b"));
    }

    [Test]
    public void A_crossing_starts_once_and_results_before_their_step_change_nothing()
    {
        var handOff = new HandOff(Ticket, Timeouts);
        Assert.That(handOff.ItemsDurable(0), Is.EqualTo(HandOffAction.None));
        Assert.That(handOff.Committed(CommitOutcome.Committed, 0), Is.EqualTo(HandOffAction.None));
        Assert.That(handOff.Rang("token", 0), Is.EqualTo(HandOffAction.None));
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Idle));
        handOff.Start(0);
        Assert.Throws<InvalidOperationException>(() => handOff.Start(1));
        Assert.That(handOff.Committed(CommitOutcome.Committed, 2), Is.EqualTo(HandOffAction.None), "not before the items are durable");
        Assert.That(handOff.State, Is.EqualTo(HandOffState.Frozen));
    }
}
