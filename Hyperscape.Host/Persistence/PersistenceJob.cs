using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence;

/// <summary>One unit of work for the <see cref="PersistenceWriter"/>.</summary>
public abstract record PersistenceJob
{
    /// <summary>Commit an item transaction; its id is reported back once durable.</summary>
    public sealed record Commit(ItemTransaction Transaction) : PersistenceJob;

    /// <summary>The periodic save of positions and stats.</summary>
    public sealed record Progress(IReadOnlyList<CharacterProgress> Characters) : PersistenceJob;

    /// <summary>
    /// A whole character (on disconnect, on leaving and on shutdown); <paramref name="Saved"/> completes
    /// once it is durable. A <paramref name="Departure"/> (leaving the world) also lets the character
    /// go in zone mode, so it can log in at any zone.
    /// </summary>
    public sealed record Character(CharacterState State, TaskCompletionSource? Saved = null, bool Departure = false) : PersistenceJob;

    /// <summary>
    /// A border crossing's commit (zone mode): the departing player's save and the move of its
    /// ownership to the other zone, in one transaction; <paramref name="Done"/> gets the outcome.
    /// </summary>
    internal sealed record Move(CharacterState State, Zones.HandOffTicket Ticket, TimeSpan Lease, TaskCompletionSource<Zones.CommitOutcome> Done) : PersistenceJob;

    /// <summary>Completes once every job queued before it is done.</summary>
    public sealed record Barrier(TaskCompletionSource Done) : PersistenceJob;
}
