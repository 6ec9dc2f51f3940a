using Hyperscape.Ecs.Threading;

namespace Hyperscape.Ecs.Sync;

/// <summary>One frame's per-client work, over a range of clients, on one thread's <see cref="SyncWorker"/>.</summary>
internal readonly struct SyncFrameBody(NetworkSync sync, int group, bool worldChanged, IPacketSink sink) : IParallelBody
{
    public void Execute(int start, int end, int worker) => sync.BuildClients(start, end, worker, group, worldChanged, sink);
}
