namespace Hyperscape.Ecs.Sync;

/// <summary>
/// What one frame-building thread owns: its packet writer (buffers), its counts and the faults it
/// met. Nothing here is shared, so building packets needs no lock.
/// </summary>
internal sealed class SyncWorker(SyncPacketWriter writer, SyncCounters tally)
{
    public SyncPacketWriter Writer { get; } = writer;

    public SyncCounters Tally { get; } = tally;

    public List<ClientFault> Faults { get; } = [];
}
