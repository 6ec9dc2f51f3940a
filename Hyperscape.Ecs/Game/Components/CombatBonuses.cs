namespace Hyperscape.Ecs.Game.Components;

/// <summary>The sum of a player's equipment bonuses, recomputed when equipment changes.</summary>
/// <param name="Attack">Melee attack bonus.</param>
/// <param name="Strength">Melee strength bonus.</param>
/// <param name="Defence">Defence bonus.</param>
/// <param name="AttackSpeed">Ticks between attacks with the current weapon.</param>
public record struct CombatBonuses(int Attack, int Strength, int Defence, int AttackSpeed);
