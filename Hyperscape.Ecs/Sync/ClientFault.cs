namespace Hyperscape.Ecs.Sync;

/// <summary>
/// An exception thrown while building one client's packets. The sync stops syncing that client
/// and goes on with the others; the host is expected to disconnect it.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="Exception">What was thrown.</param>
public sealed record ClientFault(long ClientId, Exception Exception);
