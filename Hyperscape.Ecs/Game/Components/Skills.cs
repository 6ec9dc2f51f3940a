using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Ecs.Game.Components;

/// <summary>All seventeen skills of a player, stored inline in the archetype column (136 bytes).</summary>
public struct Skills
{
    /// <summary>The number of skills.</summary>
    public const int Count = 17;

    /// <summary>The constitution level every new character starts with.</summary>
    public const int StartingConstitution = 10;

    /// <summary>Per skill, level and XP.</summary>
    public SkillArray Values;

    /// <summary>A new character: level 1 everywhere, constitution 10 (1,154 XP).</summary>
    public static Skills Starting()
    {
        var skills = default(Skills);
        for (var i = 0; i < Count; i++)
        {
            skills.Values[i] = new SkillProgress(1, 0);
        }

        skills.Values[(int)Skill.Constitution] = new SkillProgress(StartingConstitution, XpTable.XpForLevel(StartingConstitution) * 10);
        return skills;
    }

    /// <summary>The level of a skill.</summary>
    public readonly int Level(Skill skill) => Values[(int)skill].Level;

    /// <summary>The experience of a skill, in tenths.</summary>
    public readonly int XpTenths(Skill skill) => Values[(int)skill].XpTenths;

    /// <summary>This player's combat level.</summary>
    public readonly int CombatLevel => Rules.CombatLevel.Compute(
        Level(Skill.Attack), Level(Skill.Strength), Level(Skill.Defense), Level(Skill.Constitution),
        Level(Skill.Ranged), Level(Skill.Magic), Level(Skill.Prayer));

    /// <summary>Adds experience (capped at 200M) and returns how many levels were gained.</summary>
    public int AddXp(Skill skill, int gainTenths)
    {
        ref var progress = ref Values[(int)skill];
        var before = progress.Level;
        progress.XpTenths = XpTable.AddTenths(progress.XpTenths, gainTenths);
        progress.Level = XpTable.LevelForXpTenths(progress.XpTenths);
        return progress.Level - before;
    }

    /// <summary>Builds skills from stored XP, deriving every level; XP is clamped to the legal range.</summary>
    public static Skills FromXpTenths(ReadOnlySpan<int> xpTenths)
    {
        if (xpTenths.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} skills, got {xpTenths.Length}.", nameof(xpTenths));
        }

        var skills = default(Skills);
        for (var i = 0; i < Count; i++)
        {
            var xp = Math.Clamp(xpTenths[i], 0, XpTable.MaxXpTenths);
            skills.Values[i] = new SkillProgress(XpTable.LevelForXpTenths(xp), xp);
        }

        return skills;
    }
}
