using System.Runtime.CompilerServices;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>Seventeen <see cref="SkillProgress"/> values, indexed by <see cref="Rules.Skill"/>, stored inline.</summary>
[InlineArray(Skills.Count)]
public struct SkillArray
{
    private SkillProgress _element;
}
