using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Navigation;
using Hyperscape.Ecs.Game.Spatial;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>Hands an event to every client near its subject that actually sees the subject.</summary>
internal struct ClientGridVisitor : ISpatialVisitor
{
    public EventRouter Router;
    public GameEvent Event;
    public Entity Subject;

    public readonly void Visit(Entity entity, Tile tile) => Router.OfferVisibleEvent(entity, Subject, Event);
}
