using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Hyperscape.Tests.Persistence;

/// <summary>
/// The fence as a running zone's store applies it (zone mode runs on PostgreSQL only): every whole
/// save, item transaction and periodic save about a character lands only while this zone holds it
/// at the epoch it knows; once another zone took it, nothing more of this zone's lands, and the
/// character is reported lost for the loop to drop.
/// </summary>
[TestFixture]
public sealed class PostgresZoneFenceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private StoreFixture _fixture = null!;
    private FakeTimeProvider _clock = null!;
    private CharacterOwnership _owners = null!;
    private OwnershipFence _fence = null!;
    private long _character;

    [SetUp]
    public async Task CreateDatabase()
    {
        _fixture = await StoreFixture.CreateAsync(DatabaseEngine.Postgres);
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _owners = new CharacterOwnership(_fixture.Connections, _clock);
        var account = await _fixture.Store.CreateAnonymousAsync("a");
        _character = (await _fixture.Store.CreateAsync(account.Id, new CharacterState { CharacterId = 0, Name = "Fenced" }, maxCharacters: 5)).Character!.Id;
        _fence = new OwnershipFence(zone: 1);
        _fixture.Store.Fence = _fence;
        _fence.Hold(_character, (await _owners.TryTakeAsync(_character, zone: 1, Lease))!.Value);
    }

    [TearDown]
    public async Task DropDatabase() => await _fixture.DisposeAsync();

    [Test]
    public async Task The_holder_writes_and_once_another_zone_took_the_character_nothing_of_it_lands()
    {
        var store = _fixture.Store;
        await store.SaveAsync(Carrying(10));
        Assert.That(await store.CommitAsync(Pickup(id: 1_000, coins: 20)), Is.True);
        await store.SaveProgressAsync([Progress(x: 5)]);
        Assert.That(await CoinsAsync(), Is.EqualTo(20));
        Assert.That((await LoadAsync()).Position.X, Is.EqualTo(5));
        Assert.That(_fence.TryTakeLost(out _), Is.False, "nothing lost while held");

        // Zone 1's lease runs out (it stopped renewing) and zone 2 takes the character.
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.That(await _owners.TryTakeAsync(_character, zone: 2, Lease), Is.Not.Null);

        Assert.That(async () => await store.CommitAsync(Pickup(id: 1_001, coins: 999)), Throws.InstanceOf<CharacterFencedException>());
        Assert.That(_fence.TryTakeLost(out var lost), Is.True);
        Assert.That(lost, Is.EqualTo(_character), "reported for the loop to drop");
        Assert.That(async () => await store.SaveAsync(Carrying(999)), Throws.InstanceOf<CharacterFencedException>(), "no longer held here at all");
        await store.SaveProgressAsync([Progress(x: 99)]);

        Assert.That(await CoinsAsync(), Is.EqualTo(20), "neither the transaction nor the save landed");
        Assert.That((await LoadAsync()).Position.X, Is.EqualTo(5), "nor the periodic save");
        Assert.That(await IsLedgeredAsync(1_001), Is.False, "the refused transaction left no ledger row, so it was not 'committed'");
    }

    [Test]
    public async Task A_stale_epoch_in_the_periodic_save_skips_that_row_only_and_reports_it()
    {
        var account = await _fixture.Store.CreateAnonymousAsync("b");
        var other = (await _fixture.Store.CreateAsync(account.Id, new CharacterState { CharacterId = 0, Name = "Kept" }, maxCharacters: 5)).Character!.Id;
        _fence.Hold(other, (await _owners.TryTakeAsync(other, zone: 1, Lease))!.Value);

        // Another zone took the first character behind this zone's back (its lease was released).
        Assert.That(await _owners.ReleaseAsync(_character, zone: 1, epoch: 1), Is.True);
        Assert.That(await _owners.TryTakeAsync(_character, zone: 2, Lease), Is.EqualTo(2));

        await _fixture.Store.SaveProgressAsync([Progress(x: 7), Progress(x: 8) with { CharacterId = other }]);

        Assert.That((await LoadAsync()).Position.X, Is.EqualTo(0), "the lost character's row is untouched");
        Assert.That((await _fixture.Store.LoadAsync(other))!.State.Position.X, Is.EqualTo(8), "the held one is saved");
        Assert.That(_fence.TryTakeLost(out var lost) && lost == _character, Is.True);
        Assert.That(_fence.TryGetEpoch(other, out _), Is.True);
    }

    [Test]
    public async Task A_departure_save_lets_the_character_go_in_the_same_transaction()
    {
        await _fixture.Store.SaveOwnedAsync(Carrying(33), release: true);

        Assert.That(await CoinsAsync(), Is.EqualTo(33));
        Assert.That((await _owners.OwnerAsync(_character)).Zone, Is.Null, "free to log in at any zone");
        Assert.That(_fence.TryGetEpoch(_character, out _), Is.False);
        Assert.That(async () => await _fixture.Store.SaveAsync(Carrying(34)), Throws.InstanceOf<CharacterFencedException>(), "no write after letting go");
    }

    private CharacterState Carrying(int coins) => new()
    {
        CharacterId = _character,
        Name = "Fenced",
        Inventory = Game.Simulation.SimulationHarness.InventoryOf((ItemIds.Coins, coins)),
    };

    private ItemTransaction Pickup(long id, int coins) =>
        new(id, ItemTransactionKind.Pickup, [new CharacterItems(_character, Carrying(coins).Inventory, default)], [], [], null, []);

    private CharacterProgress Progress(float x) =>
        new(_character, new Position(x, 0, 3), new Health(10, 10), Skills.Starting(), AttackStyle.Accurate, true, false, 1, 0);

    private async Task<bool> IsLedgeredAsync(long transactionId)
    {
        await using var connection = await _fixture.Connections.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM item_transactions WHERE id = {transactionId}";
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task<CharacterState> LoadAsync() => (await _fixture.Store.LoadAsync(_character))!.State;

    private async Task<long> CoinsAsync() => InventoryRules.CountOf((await LoadAsync()).Inventory, ItemIds.Coins);
}
