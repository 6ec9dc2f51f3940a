namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The inputs of one side of a melee exchange.</summary>
/// <param name="AttackLevel">The attacker's attack level (or an NPC's).</param>
/// <param name="StrengthLevel">The attacker's strength level.</param>
/// <param name="DefenceLevel">The defender's defence level.</param>
/// <param name="AttackBonus">Equipment attack bonus.</param>
/// <param name="StrengthBonus">Equipment strength bonus.</param>
/// <param name="DefenceBonus">Equipment defence bonus.</param>
/// <param name="Style">The attack style in use (NPCs fight <see cref="AttackStyle.Accurate"/> without bonus).</param>
/// <param name="StyleBonus">True for a player (level + 8 + the stance's bonus); false for an NPC (level + 9, no stance).</param>
public readonly record struct MeleeRoll(
    int AttackLevel,
    int StrengthLevel,
    int DefenceLevel,
    int AttackBonus,
    int StrengthBonus,
    int DefenceBonus,
    AttackStyle Style,
    bool StyleBonus);
