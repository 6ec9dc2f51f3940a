using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>The pure rules of gathering: who may work a resource, with which tool, and the odds.</summary>
public static class GatheringRules
{
    /// <summary>
    /// The OSRS skilling roll out of 256 at <paramref name="level"/>: <c>1 + floor(low × (99 − L)/98
    /// + high × (L − 1)/98 + 0.5)</c>, a straight line from <c>1 + low</c> at level 1 to
    /// <c>1 + high</c> at 99, capped at 256 (certain). Levels above 99 count as 99.
    /// </summary>
    public static int SuccessRoll(int low, int high, int level)
    {
        var l = Math.Clamp(level, 1, XpTable.MaxLevel);
        var line = ((low * (99 - l)) + (high * (l - 1)) + 49) / 98;
        return Math.Min(256, 1 + line);
    }

    /// <summary>The chance of one roll succeeding, for tests and tools: <see cref="SuccessRoll"/> / 256.</summary>
    public static double SuccessChance(int low, int high, int level) => SuccessRoll(low, high, level) / 256.0;

    /// <summary>One roll: true with chance <see cref="SuccessRoll"/>/256.</summary>
    public static bool Roll(DeterministicRandom random, in ResourceTool tool, int level)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(256) < SuccessRoll(tool.Low, tool.High, level);
    }

    /// <summary>
    /// The best tool for <paramref name="resource"/> a player carries (inventory or weapon slot)
    /// and may use at <paramref name="level"/>: the one with the highest roll at that level.
    /// </summary>
    public static bool TryBestTool(ResourceDefinition resource, in Inventory inventory, in Equipment equipment, int level, out ResourceTool best)
    {
        ArgumentNullException.ThrowIfNull(resource);
        best = default;
        var bestRoll = -1;
        var wielded = equipment.Slots[(int)EquipmentSlot.Weapon].ItemId;
        foreach (var tool in resource.Tools)
        {
            if (tool.Level > level || (wielded != tool.ItemId && InventoryRules.FindStack(inventory, tool.ItemId) < 0))
            {
                continue;
            }

            var roll = SuccessRoll(tool.Low, tool.High, level);
            if (roll > bestRoll)
            {
                best = tool;
                bestRoll = roll;
            }
        }

        return bestRoll >= 0;
    }

    /// <summary>
    /// Why a player may not start (or go on) working <paramref name="resource"/>, or None: the
    /// level, a tool, what a success uses up, and room for the product.
    /// </summary>
    public static RejectionReason Check(ResourceDefinition resource, in Inventory inventory, in Equipment equipment, in Skills skills, ItemCatalog items, out ResourceTool tool)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(items);
        tool = default;
        var level = skills.Level(resource.Skill);
        if (level < resource.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        if (!TryBestTool(resource, inventory, equipment, level, out tool))
        {
            return RejectionReason.NoTool;
        }

        if (resource.ConsumesItemId != 0 && InventoryRules.FindStack(inventory, resource.ConsumesItemId) < 0)
        {
            return RejectionReason.NoMaterials;
        }

        return InventoryRules.CheckAdd(inventory, items[resource.ProductId], 1);
    }
}
