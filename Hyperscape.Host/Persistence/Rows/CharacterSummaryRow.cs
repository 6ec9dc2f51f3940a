using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Host.Persistence.Rows;

/// <summary>The columns of <see cref="CharacterColumns.SummaryColumns"/> as Dapper reads them.</summary>
internal sealed class CharacterSummaryRow
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int AttackLevel { get; set; }

    public int StrengthLevel { get; set; }

    public int DefenseLevel { get; set; }

    public int ConstitutionLevel { get; set; }

    public int RangedLevel { get; set; }

    public int MagicLevel { get; set; }

    public int PrayerLevel { get; set; }

    public Ecs.Persistence.CharacterSummaryRecord ToRecord() =>
        new(Id, Name, CombatLevel.Compute(AttackLevel, StrengthLevel, DefenseLevel, ConstitutionLevel, RangedLevel, MagicLevel, PrayerLevel));
}
