namespace Hyperscape.Ecs.Game;

/// <summary>
/// A player's combat clocks, in ticks from now: what a hand-off between two worlds (zones) carries so
/// a fighter who steps over a border can neither attack nor eat sooner than it could have stayed.
/// Never stored: a login starts with none.
/// </summary>
/// <param name="AttackIn">Ticks until the next attack may land.</param>
/// <param name="EatIn">Ticks until the next food may be eaten.</param>
/// <param name="InCombatFor">Ticks it still counts as in combat.</param>
public readonly record struct CombatTimers(int AttackIn, int EatIn, int InCombatFor);
