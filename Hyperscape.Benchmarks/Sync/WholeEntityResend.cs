using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Protocol;
using Hyperscape.Ecs.Store;
using Hyperscape.Ecs.Sync;
using MessagePack;

namespace Hyperscape.Benchmarks.Sync;

/// <summary>
/// The baseline the sync system is measured against: what a server that resends whole entities
/// does. Every frame, every client gets the full state of every entity in its view (already more
/// frugal than resending to every socket regardless of view), packed into 1 KiB packets.
/// </summary>
public sealed class WholeEntityResend
{
    private static readonly QueryDescription Networked = new QueryDescription().WithAll<NetworkIdentity, Position>();
    private readonly SyncTown _town;
    private readonly SpatialGrid _grid;
    private readonly FixedBufferWriter _packet = new(WireProtocol.MaxPacketSize * 2);
    private readonly List<Entity> _inView = [];

    public WholeEntityResend(SyncTown town)
    {
        _town = town;
        var map = town.Simulation.Context.Map;
        _grid = new SpatialGrid(map.Width, map.Height, 8);
    }

    public void BuildFrame(IPacketSink sink)
    {
        var world = _town.Simulation.World;
        _grid.Clear();
        foreach (var chunk in world.Query(Networked).GetChunks())
        {
            var positions = chunk.GetReadOnlySpan<Position>();
            for (var i = 0; i < positions.Length; i++)
            {
                _grid.Add(chunk.Entities[i], positions[i].Tile);
            }
        }

        _grid.Build();
        var radius = SyncOptions.Default.ViewRadius;
        for (var c = 0; c < _town.Players.Count; c++)
        {
            _town.Simulation.Context.TryResolve(_town.Players[c], out var player);
            var collect = new Collector { Found = _inView };
            _inView.Clear();
            _grid.VisitRange(world.GetReadOnly<Position>(player).Tile, radius, ref collect);
            _packet.Reset();
            foreach (var entity in _inView)
            {
                if (_packet.WrittenCount > WireProtocol.MaxPacketSize - 128)
                {
                    sink.Send(c + 1, _packet.WrittenSpan, PacketDelivery.Droppable);
                    _packet.Reset();
                }

                WriteWhole(world, entity);
            }

            if (_packet.WrittenCount > 0)
            {
                sink.Send(c + 1, _packet.WrittenSpan, PacketDelivery.Droppable);
            }
        }
    }

    private void WriteWhole(World world, Entity entity)
    {
        var writer = new MessagePackWriter(_packet);
        var position = world.GetReadOnly<Position>(entity);
        var health = world.GetReadOnly<Health>(entity);
        var combat = world.GetReadOnly<CombatState>(entity);
        var emote = world.GetReadOnly<Emote>(entity);
        writer.WriteArrayHeader(13);
        writer.Write(world.GetReadOnly<NetworkIdentity>(entity).Id);
        writer.Write((int)WireEntityKind.Player);
        writer.Write(position.X);
        writer.Write(position.Y);
        writer.Write(position.Z);
        writer.Write(world.GetReadOnly<Rotation>(entity).Yaw);
        writer.Write(health.Current);
        writer.Write(health.Max);
        writer.Write(combat.Target.Id);
        writer.Write(combat.InCombatUntilTick);
        writer.Write(emote.Id);
        writer.Write(world.GetReadOnly<Player>(entity).Name.ToString());
        var equipment = world.GetReadOnly<Equipment>(entity);
        writer.WriteArrayHeader(Equipment.SlotCount);
        for (var i = 0; i < Equipment.SlotCount; i++)
        {
            writer.Write(equipment.Slots[i].ItemId);
        }

        writer.Flush();
    }

    private struct Collector : ISpatialVisitor
    {
        public List<Entity> Found;

        public readonly void Visit(Entity entity, Tile tile) => Found.Add(entity);
    }
}
