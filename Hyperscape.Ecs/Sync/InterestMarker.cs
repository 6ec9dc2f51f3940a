using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>Asks every client whose player stands near a tile to recompute its view next frame (something there became showable).</summary>
internal struct InterestMarker : ISpatialVisitor
{
    public ClientDirectory Clients;

    public readonly void Visit(Entity entity, Tile tile) => Clients.MarkInterest(entity);
}
