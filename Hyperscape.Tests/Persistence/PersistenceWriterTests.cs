using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Host.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperscape.Tests.Persistence;

public sealed class PersistenceWriterTests
{
    private StoreFixture _database = null!;
    private UnreliableStore _store = null!;
    private long _alice;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await StoreFixture.CreateAsync(DatabaseEngine.Sqlite);
        _store = new UnreliableStore(_database.Store);
        var account = await _database.Store.CreateAnonymousAsync("a");
        _alice = (await _database.Store.CreateAsync(account.Id, new CharacterState { CharacterId = 0, Name = "alice" }, maxCharacters: 5)).Character!.Id;
    }

    [TearDown]
    public async Task TearDownAsync() => await _database.DisposeAsync();

    [Test]
    public async Task A_failed_write_is_retried_in_place_and_nothing_overtakes_it()
    {
        await using var writer = new PersistenceWriter(_store, NullLogger<PersistenceWriter>.Instance);
        _store.FailNext(2);

        writer.Enqueue(new PersistenceJob.Commit(Give(_alice, 10, ItemIds.Coins, 5)));
        writer.Enqueue(new PersistenceJob.Commit(Give(_alice, 11, ItemIds.Coins, 7)));
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writer.Enqueue(new PersistenceJob.Character(new CharacterState { CharacterId = _alice, Name = "alice", Health = new Health(7, 10) }, saved));
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(_store.Written, Is.EqualTo(new[] { "commit 10", "commit 11", $"save {_alice}" }));
        Assert.That(writer.Retries, Is.EqualTo(2));
        Assert.That(saved.Task.IsCompletedSuccessfully, Is.True);
        var durable = new List<long>();
        while (writer.TryTakeCommitted(out var id))
        {
            durable.Add(id);
        }

        Assert.That(durable, Is.EqualTo(new[] { 10L, 11L }), "durable ids are reported in commit order");
        Assert.That(writer.Pending, Is.Zero);
        Assert.That((await _database.Store.LoadAsync(_alice))!.State.Health.Current, Is.EqualTo(7));
    }

    [Test]
    public async Task A_database_that_stops_answering_delays_saves_but_never_the_caller()
    {
        await using var writer = new PersistenceWriter(_store, NullLogger<PersistenceWriter>.Instance);
        _store.Hold();

        for (var i = 0; i < 1000; i++)
        {
            // Enqueue is what the tick calls: it must return at once however stuck the database is.
            writer.Enqueue(new PersistenceJob.Commit(Give(_alice, 100 + i, ItemIds.Coins, i + 1)));
        }

        Assert.That(writer.Pending, Is.EqualTo(1000));
        Assert.That(writer.TryTakeCommitted(out _), Is.False, "nothing is reported durable before it is");

        _store.Release();
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(writer.Pending, Is.Zero);
        Assert.That(_store.Written, Has.Count.EqualTo(1000));
        Assert.That((await _database.Store.LoadAsync(_alice))!.State.Inventory.Slots[0], Is.EqualTo(new ItemStack(ItemIds.Coins, 1000)));
    }

    [Test]
    public async Task Abandoning_fails_a_pending_character_save_loudly_instead_of_pretending()
    {
        var writer = new PersistenceWriter(_store, NullLogger<PersistenceWriter>.Instance);
        _store.FailNext(int.MaxValue);
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writer.Enqueue(new PersistenceJob.Character(new CharacterState { CharacterId = _alice, Name = "alice" }, saved));

        writer.Abandon();
        await writer.DisposeAsync();

        Assert.That(async () => await saved.Task, Throws.InvalidOperationException);
        Assert.That(_store.Written, Is.Empty);
    }

    private static ItemTransaction Give(long character, long id, int item, int quantity)
    {
        var inventory = default(Inventory);
        inventory.Slots[0] = new ItemStack(item, quantity);
        return new ItemTransaction(id, ItemTransactionKind.Pickup, [new CharacterItems(character, inventory, default)], [], [], null, []);
    }
}
