using Hyperscape.Ecs.Game.Actions;

namespace Hyperscape.Ecs.Game;

/// <summary>
/// An exception thrown while the tick worked on one player's action. The simulation catches it so
/// the fault stays that player's: the rest of the tick runs, and the host is expected to take the
/// player out of the world (saved) and tell them why. A fault outside any player's work is not
/// caught: <see cref="Simulation.Step"/> throws it.
/// </summary>
/// <param name="PlayerId">The player's network id.</param>
/// <param name="Action">The action being applied.</param>
/// <param name="Exception">What was thrown.</param>
public sealed record PlayerFault(long PlayerId, PlayerAction Action, Exception Exception);
