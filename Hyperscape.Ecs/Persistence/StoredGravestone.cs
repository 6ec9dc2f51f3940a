using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Persistence;

/// <summary>A gravestone as stored, so a dead player's items survive restarts exactly once.</summary>
/// <param name="Id">Its stable id (its network id when it was made; never reused).</param>
/// <param name="DeathId">The death that filled it (a <see cref="DeathRecord"/> of the same transaction or an earlier one).</param>
/// <param name="CharacterId">Whose items these are; only this character may loot it before it breaks.</param>
/// <param name="Position">Where the player fell.</param>
/// <param name="Items">What is still inside, in its slots (empty slots included, so a slot keeps its place).</param>
/// <param name="BreaksIn">
/// How long it stays closed to others, from the moment of the transaction. Stores keep the moment
/// it breaks by their clock and give back what is left of it, so time passes while a server is down.
/// </param>
public sealed record StoredGravestone(long Id, long DeathId, long CharacterId, Position Position, IReadOnlyList<ItemStack> Items, TimeSpan BreaksIn);
