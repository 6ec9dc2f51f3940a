using System.Globalization;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// The mapping between <see cref="CharacterState"/> and the <c>characters</c> row: 17 skills as
/// level and XP columns named after <see cref="Skill"/>, plus position, health and preferences.
/// Values are read with conversions because SQLite and PostgreSQL return different CLR types.
/// </summary>
internal static class CharacterColumns
{
    public static readonly string[] SkillNames = Enum.GetNames<Skill>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>Every state column, in a fixed order (without id, account, name and timestamps).</summary>
    public static readonly string[] State = [.. SkillNames.SelectMany(s => new[] { $"{s}_level", $"{s}_xp" }),
        "position_x", "position_y", "position_z", "health", "max_health", "coins", "attack_style", "auto_retaliate", "running"];

    /// <summary>The columns a summary needs: the combat level comes from seven skills.</summary>
    public const string Summary = "id, name, attack_level, strength_level, defense_level, constitution_level, ranged_level, magic_level, prayer_level";

    /// <summary>Parameter values for <see cref="State"/>, by column name.</summary>
    public static Dictionary<string, object> Values(CharacterState state)
    {
        var values = new Dictionary<string, object>(State.Length);
        for (var i = 0; i < SkillNames.Length; i++)
        {
            var progress = state.Skills.Values[i];
            values[$"{SkillNames[i]}_level"] = progress.Level;
            values[$"{SkillNames[i]}_xp"] = (long)progress.XpTenths;
        }

        values["position_x"] = state.Position.X;
        values["position_y"] = state.Position.Y;
        values["position_z"] = state.Position.Z;
        values["health"] = state.Health.Current;
        values["max_health"] = state.Health.Max;
        values["coins"] = CoinsCarried(state.Inventory, state.Equipment);
        values["attack_style"] = (short)state.AttackStyle;
        values["auto_retaliate"] = state.AutoRetaliate;
        values["running"] = state.Running;
        return values;
    }

    /// <summary>Builds the game state of a row (items are loaded separately).</summary>
    public static CharacterState Read(IDictionary<string, object> row)
    {
        var xp = new int[Skills.Count];
        for (var i = 0; i < Skills.Count; i++)
        {
            xp[i] = (int)Long(row[$"{SkillNames[i]}_xp"]);
        }

        var skills = Skills.FromXpTenths(xp);
        var maxHealth = Math.Max(1, (int)Long(row["max_health"]));
        return new CharacterState
        {
            CharacterId = Long(row["id"]),
            Name = (string)row["name"],
            Position = new Position(Float(row["position_x"]), Float(row["position_y"]), Float(row["position_z"])),
            Health = new Health(Math.Clamp((int)Long(row["health"]), 0, maxHealth), maxHealth),
            Skills = skills,
            AttackStyle = (AttackStyle)Math.Clamp(Long(row["attack_style"]), 0, 3),
            AutoRetaliate = Bool(row["auto_retaliate"]),
            Running = Bool(row["running"]),
        };
    }

    /// <summary>The combat level of a summary row.</summary>
    public static int CombatLevelOf(IDictionary<string, object> row) => CombatLevel.Compute(
        (int)Long(row["attack_level"]), (int)Long(row["strength_level"]), (int)Long(row["defense_level"]), (int)Long(row["constitution_level"]),
        (int)Long(row["ranged_level"]), (int)Long(row["magic_level"]), (int)Long(row["prayer_level"]));

    public static long CoinsCarried(in Inventory inventory, in Equipment equipment) =>
        InventoryRules.CountOf(inventory, ItemIds.Coins) + (equipment.Slots[(int)EquipmentSlot.Ammo].ItemId == ItemIds.Coins ? equipment.Slots[(int)EquipmentSlot.Ammo].Quantity : 0);

    public static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static float Float(object value) => Convert.ToSingle(value, CultureInfo.InvariantCulture);

    public static bool Bool(object value) => value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    public static DateTimeOffset? Time(object? value) => value switch
    {
        null or DBNull => null,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => null,
    };
}
