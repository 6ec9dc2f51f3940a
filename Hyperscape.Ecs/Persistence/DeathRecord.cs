using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Persistence;

/// <summary>A player's death, recorded in the transaction that moves its items into its gravestone (the death lock).</summary>
/// <param name="DeathId">Unique per death; a second commit of the same death is a no-op.</param>
/// <param name="CharacterId">Who died.</param>
/// <param name="Position">Where.</param>
/// <param name="ItemsDropped">How many stacks went into the gravestone (0: nothing carried, no gravestone).</param>
public sealed record DeathRecord(long DeathId, long CharacterId, Position Position, int ItemsDropped);
