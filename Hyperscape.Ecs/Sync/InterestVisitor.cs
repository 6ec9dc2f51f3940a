using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>Marks what one client sees this frame and queues spawns and diffs.</summary>
internal struct InterestVisitor : ISpatialVisitor
{
    public NetworkSync Sync;
    public ClientView Client;
    public Tile Center;

    public readonly void Visit(Entity entity, Tile tile) => Sync.See(Client, entity, tile.DistanceTo(Center));
}
