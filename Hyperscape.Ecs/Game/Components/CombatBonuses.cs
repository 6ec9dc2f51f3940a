using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>What a player's equipment adds up to, recomputed when equipment changes.</summary>
/// <param name="Bonuses">The summed bonuses of everything worn.</param>
/// <param name="AttackSpeed">Ticks between attacks with the current weapon.</param>
/// <param name="Weapon">The wielded weapon's kind (<see cref="WeaponCategory.Unarmed"/> without one): its combat options.</param>
/// <param name="AttackRange">The wielded weapon's reach in tiles (a bow's, before longrange); 1 for melee.</param>
public record struct CombatBonuses(EquipmentBonuses Bonuses, int AttackSpeed, WeaponCategory Weapon, int AttackRange = 1);
