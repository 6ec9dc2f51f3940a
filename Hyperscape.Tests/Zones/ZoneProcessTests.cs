using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Tests.EndToEnd;

namespace Hyperscape.Tests.Zones;

/// <summary>
/// Two zone processes and one PostgreSQL on loopback: players walk over the border between them and
/// are handed over with everything they carry, the database moving their ownership one epoch per
/// crossing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ZoneProcessTests
{
    private static readonly TimeSpan Crossing = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_player_walks_into_the_other_zone_and_back_and_keeps_everything()
    {
        using var zones = await ZonePair.StartAsync();
        try
        {
            var walker = await TestClient.EnterAsync(zones.Socket(1), "Walker");
            var characterId = walker.CharacterId;
            var inventory = await walker.WaitForAsync(c => c.World?.Inventory, "the inventory");
            var (_, epoch) = await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId));

            walker = await CrossAsync(walker, toZone: 2, x: ZonePair.Border + 1);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory in zone 2"), Is.EqualTo(inventory));
            Assert.That(walker.NetworkId >> 40, Is.EqualTo(2), "zone 2 numbers its own entities");
            Assert.That(await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId)), Is.EqualTo(((int?)2, epoch + 1)));

            walker = await CrossAsync(walker, toZone: 1, x: ZonePair.Border - 3);
            Assert.That(await walker.WaitForAsync(c => c.World?.Inventory, "the inventory back in zone 1"), Is.EqualTo(inventory));
            Assert.That(await zones.ReadAsync((_, owners) => owners.OwnerAsync(characterId)), Is.EqualTo(((int?)1, epoch + 2)));
            await walker.DisposeAsync();
        }
        catch (Exception exception) when (exception is not AssertionException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{zones.Output}", exception);
        }
    }

    /// <summary>Walks over the border and follows the server to the other zone with the resume token it gave.</summary>
    private static async Task<TestClient> CrossAsync(TestClient walker, int toZone, int x)
    {
        await walker.ActAsync(ActionKind.Move, x: x, z: 128);
        var change = await walker.WaitForMessageAsync(MessageType.ZoneChange, timeout: Crossing);
        Assert.That(change.Long(1), Is.EqualTo(toZone));
        var token = change.Text(3);
        Assert.That(token, Is.Not.Null.And.Not.Empty, "a crossing answered by the other zone carries its resume token");
        await walker.WaitClosedAsync(Crossing);
        await walker.DisposeAsync();

        var there = await TestClient.ConnectAsync(new Uri(change.Text(2)!));
        await there.HelloAsync(resume: token);
        await there.WaitForMessageAsync(MessageType.EnteredWorld, timeout: Crossing);
        return there;
    }
}
