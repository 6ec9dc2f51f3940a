using System.Runtime.CompilerServices;
using Hyperscape.Host.Networking;
using Hyperscape.Tests.EndToEnd;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Hyperscape.Tests.Networking;

[TestFixture]
public sealed class HeapMemoryPoolTests
{
    [Test]
    public void Blocks_are_ordinary_arrays_of_the_block_size_and_are_reused()
    {
        using var pool = new HeapMemoryPool();
        var first = pool.Rent();
        Assert.That(first.Memory.Length, Is.EqualTo(HeapMemoryPool.BlockSize));
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(first.Memory, out var segment), Is.True);
        Assert.That(GC.GetGeneration(segment.Array!), Is.LessThan(GC.MaxGeneration), "an ordinary young array, not one on the pinned heap (which counts as the oldest)");

        first.Dispose();
        var second = pool.Rent(100);
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first), "a returned block is handed out again");
            Assert.That(pool.Created, Is.EqualTo(1));
            Assert.That(pool.Rents, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_block_disposed_twice_is_returned_once()
    {
        using var pool = new HeapMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();
        var a = pool.Rent();
        var b = pool.Rent();
        Assert.That(a, Is.Not.SameAs(b), "two renters never share a block");
        Assert.That(pool.Created, Is.EqualTo(2));
    }

    [Test]
    public void Bad_requests_are_refused()
    {
        var pool = new HeapMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(HeapMemoryPool.BlockSize + 1));
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    [Test]
    public void A_factory_counts_the_rents_of_every_pool_it_made()
    {
        var factory = new HeapMemoryPoolFactory();
        using var one = factory.Create(new MemoryPoolOptions());
        using var two = factory.Create(new MemoryPoolOptions());
        one.Rent().Dispose();
        two.Rent().Dispose();
        two.Rent().Dispose();
        Assert.That(factory.Rents, Is.EqualTo(3));
    }

    [Test]
    public async Task Kestrel_reads_and_writes_game_sockets_through_the_heap_pool()
    {
        await using var server = await TestServer.StartAsync(TestServer.WithoutNpcs);
        var factory = server.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        Assert.That(factory, Is.InstanceOf<HeapMemoryPoolFactory>());
        var before = ((HeapMemoryPoolFactory)factory).Rents;

        await using var player = await TestClient.EnterAsync(server.Socket, "Pool");
        await player.WaitUntilAsync(c => c.World!.Entities.ContainsKey(c.NetworkId), "the player seeing itself");
        Assert.That(((HeapMemoryPoolFactory)factory).Rents, Is.GreaterThan(before), "the connection's reads and writes took blocks from it");
    }

    [Test]
    public void A_block_is_its_own_owner_and_knows_its_pool()
    {
        var rents = new StrongBox<long>();
        using var pool = new HeapMemoryPool(rents);
        using var block = pool.Rent();
        Assert.That(rents.Value, Is.EqualTo(1));
    }
}
