namespace Hyperscape.Ecs.Game.Rules;

/// <summary>A level an action needs in one skill, such as 5 attack to wield a steel longsword.</summary>
/// <param name="Skill">The skill.</param>
/// <param name="Level">The lowest level that may.</param>
public readonly record struct SkillRequirement(Skill Skill, int Level);
