using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Host.Persistence;
using Hyperscape.Host.Zones;
using Microsoft.Extensions.Time.Testing;

namespace Hyperscape.Tests.Persistence;

/// <summary>The ownership fence zones rely on, run against each engine: the database alone decides who holds a character.</summary>
public abstract class OwnershipContractTests(DatabaseEngine engine)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private StoreFixture _fixture = null!;
    private FakeTimeProvider _clock = null!;
    private CharacterOwnership _owners = null!;
    private long _character;

    [SetUp]
    public async Task CreateDatabase()
    {
        _fixture = await StoreFixture.CreateAsync(engine);
        _clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch + TimeSpan.FromDays(20_000));
        _owners = new CharacterOwnership(_fixture.Connections, _clock);
        var account = await _fixture.Store.CreateAnonymousAsync("a");
        _character = (await _fixture.Store.CreateAsync(account.Id, new CharacterState { CharacterId = 0, Name = "Owned" }, maxCharacters: 5)).Character!.Id;
    }

    [TearDown]
    public async Task DropDatabase() => await _fixture.DisposeAsync();

    [Test]
    public async Task Two_zones_racing_for_one_character_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var racers = await Task.WhenAll(Enumerable.Range(1, 6).Select(zone => Task.Run(() => _owners.TryTakeAsync(_character, zone, Lease))));
            var winners = racers.Select((epoch, i) => (Zone: i + 1, Epoch: epoch)).Where(r => r.Epoch is not null).ToList();
            Assert.That(winners, Has.Count.EqualTo(1), $"round {round}");
            var (zone, epoch) = await _owners.OwnerAsync(_character);
            Assert.That((zone, epoch), Is.EqualTo(((int?)winners[0].Zone, winners[0].Epoch!.Value)), "the winner is what the row says");
            Assert.That(await _owners.ReleaseAsync(_character, winners[0].Zone, epoch), Is.True);
        }
    }

    [Test]
    public async Task A_held_character_is_refused_to_other_zones_until_its_lease_runs_out()
    {
        Assert.That(await _owners.TryTakeAsync(_character, zone: 1, Lease), Is.EqualTo(1));
        Assert.That(await _owners.TryTakeAsync(_character, zone: 1, Lease), Is.EqualTo(1), "the holder taking it again keeps its epoch: its queued writes still land");
        Assert.That(await _owners.TryTakeAsync(_character, zone: 2, Lease), Is.Null);
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(await _owners.RenewAsync(_character, zone: 1, epoch: 1, Lease), Is.True);
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(await _owners.TryTakeAsync(_character, zone: 2, Lease), Is.Null, "renewed: still held");

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(await _owners.TryTakeAsync(_character, zone: 2, Lease), Is.EqualTo(2), "the owner stopped renewing: taken, under a new epoch");
        Assert.That(await _owners.RenewAsync(_character, zone: 1, epoch: 1, Lease), Is.False, "the old owner's renewal is fenced");
        Assert.That(await _owners.ReleaseAsync(_character, zone: 1, epoch: 1), Is.False, "and so is its release");
        Assert.That(await _owners.OwnerAsync(_character), Is.EqualTo(((int?)2, 2L)));
    }

    [Test]
    public async Task A_hand_off_saves_and_moves_the_character_once_and_a_stale_epoch_writes_nothing()
    {
        var store = _fixture.Store;
        var until = _clock.GetUtcNow() + Lease;
        var epoch = (await _owners.TryTakeAsync(_character, zone: 1, Lease))!.Value;
        var crossing = new HandOffTicket(_character, FromZone: 1, ToZone: 2, epoch, HandOffId: 77, Tick: 10);
        var carried = Carrying(ItemIds.Coins, 40);

        Assert.That(await store.SaveAndMoveAsync(carried, crossing, until), Is.EqualTo(CommitOutcome.Committed));
        Assert.That(await _owners.OwnerAsync(_character), Is.EqualTo(((int?)2, epoch + 1)));
        Assert.That(await CoinsAsync(), Is.EqualTo(40), "the save went with the move");
        Assert.That(await store.SaveAndMoveAsync(carried, crossing, until), Is.EqualTo(CommitOutcome.Committed), "a retry after an unknown outcome finds its own move");

        // Zone 1 no longer holds it: neither another move nor a save of zone 1's writes anything.
        Assert.That(await store.SaveAndMoveAsync(Carrying(ItemIds.Coins, 999), crossing with { ToZone = 3, HandOffId = 78 }, until), Is.EqualTo(CommitOutcome.Fenced));
        Assert.That(await store.SaveFencedAsync(Carrying(ItemIds.Coins, 999), zone: 1, epoch), Is.False);
        Assert.That(await _owners.RenewAsync(_character, zone: 1, epoch, Lease), Is.False);
        Assert.That(await _owners.OwnerAsync(_character), Is.EqualTo(((int?)2, epoch + 1)));
        Assert.That(await CoinsAsync(), Is.EqualTo(40), "nothing a stale zone did reached the character");

        // The owner saves; the way back raises the epoch once more.
        Assert.That(await store.SaveFencedAsync(Carrying(ItemIds.Coins, 41), zone: 2, epoch + 1), Is.True);
        Assert.That(await CoinsAsync(), Is.EqualTo(41));
        Assert.That(await store.SaveAndMoveAsync(Carrying(ItemIds.Coins, 42), new HandOffTicket(_character, 2, 1, epoch + 1, 79, 20), until), Is.EqualTo(CommitOutcome.Committed), "and back");
        Assert.That(await _owners.OwnerAsync(_character), Is.EqualTo(((int?)1, epoch + 2)), "one epoch per crossing");
        Assert.That(await CoinsAsync(), Is.EqualTo(42));
    }

    [Test]
    public async Task A_zone_starting_again_lets_go_of_what_it_held_and_only_that()
    {
        var account = await _fixture.Store.CreateAnonymousAsync("b");
        var other = (await _fixture.Store.CreateAsync(account.Id, new CharacterState { CharacterId = 0, Name = "Elsewhere" }, maxCharacters: 5)).Character!.Id;
        await _owners.TryTakeAsync(_character, zone: 1, Lease);
        await _owners.TryTakeAsync(other, zone: 2, Lease);

        Assert.That(await _owners.ReleaseZoneAsync(1), Is.EqualTo(1));
        Assert.That((await _owners.OwnerAsync(_character)).Zone, Is.Null);
        Assert.That(await _owners.OwnerAsync(other), Is.EqualTo(((int?)2, 1L)));
        Assert.That(await _owners.TryTakeAsync(_character, zone: 3, Lease), Is.EqualTo(2), "free at once, under a new epoch");
    }

    private CharacterState Carrying(int item, int quantity) => new()
    {
        CharacterId = _character,
        Name = "Owned",
        Inventory = Game.Simulation.SimulationHarness.InventoryOf((item, quantity)),
    };

    private async Task<long> CoinsAsync() =>
        InventoryRules.CountOf((await _fixture.Store.LoadAsync(_character))!.State.Inventory, ItemIds.Coins);
}
