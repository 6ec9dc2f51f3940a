using Hyperscape.Host.Zones;

namespace Hyperscape.Tests.Zones;

public class DoorbellLedgerTests
{
    [Test]
    public void A_repeated_doorbell_gets_the_same_token_and_loads_nothing_twice()
    {
        var ledger = new DoorbellLedger();
        var made = 0;
        string NewToken() => $"token-{++made}";
        var crossing = new HandOffTicket(42, 1, 2, Epoch: 7, HandOffId: 9001, Tick: 100);

        Assert.That(ledger.Take(crossing, NewToken, out var first), Is.EqualTo(DoorbellAnswer.Load));
        Assert.That(ledger.Take(crossing, NewToken, out var again), Is.EqualTo(DoorbellAnswer.Repeat));
        Assert.That((first, again, made), Is.EqualTo(("token-1", "token-1", 1)));
    }

    [Test]
    public void A_doorbell_older_than_one_answered_is_stale_and_a_newer_one_loads()
    {
        var ledger = new DoorbellLedger();
        ledger.Take(new HandOffTicket(42, 1, 2, Epoch: 7, HandOffId: 1, Tick: 100), () => "a", out _);

        Assert.That(ledger.Take(new HandOffTicket(42, 3, 2, Epoch: 6, HandOffId: 2, Tick: 90), () => "b", out var stale), Is.EqualTo(DoorbellAnswer.Stale));
        Assert.That(stale, Is.Null);
        Assert.That(ledger.Take(new HandOffTicket(42, 1, 2, Epoch: 7, HandOffId: 3, Tick: 101), () => "c", out _), Is.EqualTo(DoorbellAnswer.Stale), "the same epoch under another crossing");
        Assert.That(ledger.Take(new HandOffTicket(42, 1, 2, Epoch: 9, HandOffId: 4, Tick: 300), () => "d", out var newer), Is.EqualTo(DoorbellAnswer.Load));
        Assert.That(newer, Is.EqualTo("d"));
        Assert.That(ledger.Take(new HandOffTicket(43, 1, 2, Epoch: 1, HandOffId: 5, Tick: 300), () => "e", out _), Is.EqualTo(DoorbellAnswer.Load), "characters are apart");

        ledger.Forget(42);
        Assert.That(ledger.Take(new HandOffTicket(42, 3, 2, Epoch: 6, HandOffId: 2, Tick: 90), () => "f", out _), Is.EqualTo(DoorbellAnswer.Load), "forgotten once it left; the database fence still decides");
    }
}
