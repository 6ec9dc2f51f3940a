using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Server;
using Hyperscape.Ecs.Sync;

namespace Hyperscape.Tests.Sync;

/// <summary>Building a frame on several threads changes nothing a client or the world can observe.</summary>
public class ParallelSyncTests
{
    [Test]
    public void Every_client_gets_the_same_bytes_whatever_the_number_of_threads()
    {
        var single = Run(parallelism: 1);
        var two = Run(parallelism: 2);
        var eight = Run(parallelism: 8);

        Assert.That(single.Packets.Count, Is.EqualTo(300), "every client received packets");
        Assert.That(single.Packets.Values.Sum(p => p.Count), Is.GreaterThan(300 * 40), "and plenty of them");
        foreach (var other in new[] { two, eight })
        {
            Assert.That(other.StateHash, Is.EqualTo(single.StateHash), "the world is the same");
            Assert.That(other.Statistics, Is.EqualTo(single.Statistics), "the totals are the same");
            Assert.That(other.Packets.Keys, Is.EquivalentTo(single.Packets.Keys));
            foreach (var (client, packets) in single.Packets)
            {
                Assert.That(other.Packets[client], Is.EqualTo(packets), $"client {client}'s packets, in order, byte for byte");
            }
        }
    }

    [Test]
    public void A_client_whose_packets_fail_on_a_helper_thread_is_dropped_alone()
    {
        var server = new GameServer(new GameServerOptions
        {
            Simulation = new SimulationOptions { Seed = 1, Map = new TileMap(64, 64), PlayerSpawn = new Tile(32, 32) },
            Sync = SyncOptions.Default with { Parallelism = 4 },
        });
        for (var i = 1; i <= 200; i++)
        {
            server.Connect(i, server.Simulation.Join(new CharacterState { CharacterId = i, Name = $"p{i}", Position = Position.At(new Tile(20 + (i % 20), 20 + (i / 20))) }));
        }

        var sink = new FailingSink(failFor: 137);
        server.RunFrame(sink);

        Assert.That(server.ClientFaults.Select(f => f.ClientId), Is.EqualTo(new[] { 137L }));
        Assert.That(sink.Clients, Has.Count.EqualTo(199), "every other client got its frame");
        sink.Clients.Clear();
        server.RunFrame(sink);
        Assert.That(server.ClientFaults, Is.Empty);
        Assert.That(sink.Clients.ContainsKey(137), Is.False, "the faulty client is no longer synced");
    }

    private static RunResult Run(int parallelism)
    {
        const int Players = 300;
        var server = new GameServer(new GameServerOptions
        {
            Simulation = new SimulationOptions { Seed = 11, Map = new TileMap(96, 96), PlayerSpawn = new Tile(48, 48) },
            Sync = SyncOptions.Default with { Parallelism = parallelism },
        });
        var script = new Random(5);
        var players = new long[Players];
        for (var i = 0; i < Players; i++)
        {
            players[i] = server.Simulation.Join(new CharacterState { CharacterId = i + 1, Name = $"w{i}", Position = Position.At(new Tile(20 + script.Next(56), 20 + script.Next(56))) });
            server.Connect(i + 1, players[i]);
        }

        var sink = new RecordingSink();
        for (var frame = 0; frame < 12 * 15; frame++)
        {
            if (frame % 12 == 0)
            {
                foreach (var player in players)
                {
                    if (script.Next(3) == 0)
                    {
                        server.Simulation.Enqueue(PlayerAction.Move(player, 20 + script.Next(56), 20 + script.Next(56)));
                    }
                }
            }

            server.RunFrame(sink);
            Assert.That(server.ClientFaults, Is.Empty);
        }

        return new RunResult(server.Simulation.ComputeStateHash(), server.SyncStatistics, sink.Packets.ToDictionary(p => p.Key, p => p.Value));
    }

    private sealed record RunResult(ulong StateHash, SyncStatistics Statistics, Dictionary<long, List<string>> Packets);

    /// <summary>Keeps every packet per client, hashed; one client's list is only touched by one thread at a time.</summary>
    private sealed class RecordingSink : IPacketSink
    {
        public ConcurrentDictionary<long, List<string>> Packets { get; } = new();

        public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery) =>
            Packets.GetOrAdd(clientId, _ => []).Add($"{delivery}:{Convert.ToHexString(SHA256.HashData(packet))}");
    }

    private sealed class FailingSink(long failFor) : IPacketSink
    {
        public ConcurrentDictionary<long, int> Clients { get; } = new();

        public void Send(long clientId, ReadOnlySpan<byte> packet, PacketDelivery delivery)
        {
            if (clientId == failFor)
            {
                throw new InvalidOperationException("an injected bug in one client's send");
            }

            Clients.AddOrUpdate(clientId, 1, (_, n) => n + 1);
        }
    }
}
