using System.Data.Common;
using Hyperscape.Ecs.Game;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;

namespace Hyperscape.Host.Persistence;

/// <summary>
/// The <c>characters</c> row, described once: the columns a save writes (17 skills as level and
/// XP named after <see cref="Skill"/>, position, health and preferences), from which every
/// insert, update and batch is built, and the typed reading of a row back into a
/// <see cref="CharacterState"/>. Reads use the data reader's typed getters, which both engines
/// convert from their own storage types.
/// </summary>
internal static class CharacterColumns
{
    /// <summary>The skills' column prefixes, in <see cref="Skill"/> order.</summary>
    public static readonly string[] SkillNames = Enum.GetNames<Skill>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>What the periodic save writes: skills, position, health, preferences.</summary>
    public static readonly CharacterColumn[] Progress =
    [
        .. SkillNames.SelectMany((name, skill) => new[]
        {
            new CharacterColumn($"{name}_level", "integer", p => p.Skills.Values[skill].Level),
            new CharacterColumn($"{name}_xp", "bigint", p => (long)p.Skills.Values[skill].XpTenths),
        }),
        new("position_x", "real", p => p.Position.X),
        new("position_y", "real", p => p.Position.Y),
        new("position_z", "real", p => p.Position.Z),
        new("health", "integer", p => p.Health.Current),
        new("max_health", "integer", p => p.Health.Max),
        new("attack_style", "smallint", p => (short)p.AttackStyle),
        new("auto_retaliate", "boolean", p => p.AutoRetaliate ? 1 : 0),
        new("running", "boolean", p => p.Running ? 1 : 0),
        new("prayer_points", "integer", p => p.PrayerPoints),
        new("active_prayers", "integer", p => p.ActivePrayers),
        new("autocast_spell", "integer", p => p.Autocast),
    ];

    /// <summary>Coins carried, kept current on every whole save for rankings.</summary>
    public const string Coins = "coins";

    /// <summary>The columns a character list needs: the combat level comes from seven skills.</summary>
    public static readonly string[] SummaryColumns = ["id", "name", "attack_level", "strength_level", "defense_level", "constitution_level", "ranged_level", "magic_level", "prayer_level"];

    /// <summary>A character's progress, as the columns read it.</summary>
    public static CharacterProgress ProgressOf(CharacterState state) =>
        new(state.CharacterId, state.Position, state.Health, state.Skills, state.AttackStyle, state.AutoRetaliate, state.Running, state.PrayerPoints, state.ActivePrayers, state.Autocast);

    /// <summary>Coins in the inventory and in the ammunition slot.</summary>
    public static long CoinsCarried(in Inventory inventory, in Equipment equipment) =>
        InventoryRules.CountOf(inventory, ItemIds.Coins) + (equipment.Slots[(int)EquipmentSlot.Ammo].ItemId == ItemIds.Coins ? equipment.Slots[(int)EquipmentSlot.Ammo].Quantity : 0);

    /// <summary>Reads the game state of the current row (items are loaded separately).</summary>
    public static CharacterState Read(DbDataReader row)
    {
        var xp = new int[Skills.Count];
        for (var i = 0; i < Skills.Count; i++)
        {
            xp[i] = (int)row.GetInt64(row.GetOrdinal($"{SkillNames[i]}_xp"));
        }

        var maxHealth = Math.Max(1, row.GetInt32(row.GetOrdinal("max_health")));
        return new CharacterState
        {
            CharacterId = row.GetInt64(row.GetOrdinal("id")),
            Name = row.GetString(row.GetOrdinal("name")),
            Position = new Position(row.GetFloat(row.GetOrdinal("position_x")), row.GetFloat(row.GetOrdinal("position_y")), row.GetFloat(row.GetOrdinal("position_z"))),
            Health = new Health(Math.Clamp(row.GetInt32(row.GetOrdinal("health")), 0, maxHealth), maxHealth),
            Skills = Skills.FromXpTenths(xp),
            AttackStyle = (AttackStyle)Math.Clamp((int)row.GetInt16(row.GetOrdinal("attack_style")), 0, 3),
            AutoRetaliate = row.GetBoolean(row.GetOrdinal("auto_retaliate")),
            Running = row.GetBoolean(row.GetOrdinal("running")),
            PrayerPoints = row.GetInt32(row.GetOrdinal("prayer_points")),
            ActivePrayers = row.GetInt32(row.GetOrdinal("active_prayers")),
            Autocast = row.GetInt32(row.GetOrdinal("autocast_spell")),
        };
    }
}
