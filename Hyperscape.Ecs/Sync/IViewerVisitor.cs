namespace Hyperscape.Ecs.Sync;

/// <summary>Called for each client that may hold an entity (see <see cref="ViewerIndex.Visit"/>).</summary>
internal interface IViewerVisitor
{
    /// <summary>Visits one client; it still has to check the slot it holds.</summary>
    void Visit(ClientView client);
}
