using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>Hands a visible event to every client whose view holds its subject.</summary>
internal struct EventAudienceVisitor : IViewerVisitor
{
    public EventRouter Router;
    public GameEvent Event;
    public Entity Subject;

    public readonly void Visit(ClientView client) => Router.OfferVisibleEvent(client, Subject, Event);
}
