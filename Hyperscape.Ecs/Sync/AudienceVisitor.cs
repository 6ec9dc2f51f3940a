using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Sync;

/// <summary>Collects the clients whose view shows a speaker, live on their screen.</summary>
internal struct AudienceVisitor : IViewerVisitor
{
    public Entity Speaker;
    public List<long> ClientIds;

    public readonly void Visit(ClientView client)
    {
        var slot = client.Map.Find(Speaker.Id);
        if (slot >= 0 && client.Slots[slot].Entity == Speaker && client.Slots[slot].State == SlotState.Live)
        {
            ClientIds.Add(client.ClientId);
        }
    }
}
