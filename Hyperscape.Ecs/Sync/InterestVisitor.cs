using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>Marks what one client sees this frame and queues spawns and diffs.</summary>
internal struct InterestVisitor : ISpatialVisitor
{
    public InterestManager Interest;
    public ClientView Client;
    public SyncCounters Tally;
    public Tile Center;

    public readonly void Visit(Entity entity, Tile tile) => Interest.See(Client, entity, tile.DistanceTo(Center), Tally);
}
