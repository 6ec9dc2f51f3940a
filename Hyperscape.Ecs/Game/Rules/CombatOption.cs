namespace Hyperscape.Ecs.Game.Rules;

/// <summary>One button of a weapon's combat options: its name, how it hits, and its stance.</summary>
/// <param name="Name">The name a player sees (Chop, Slash, Lunge, Block...).</param>
/// <param name="Type">The attack type it rolls against.</param>
/// <param name="Stance">The stance: its level bonus and where its XP goes.</param>
public readonly record struct CombatOption(string Name, AttackType Type, AttackStyle Stance);
