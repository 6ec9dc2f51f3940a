using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;

namespace Hyperscape.Ecs.Game.Rules;

/// <summary>Whether a player can make a recipe, and making it: pure functions over an inventory.</summary>
public static class RecipeRules
{
    /// <summary>How many whole sets of the recipe's inputs the inventory holds.</summary>
    public static int Sets(Recipe recipe, in Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var sets = int.MaxValue;
        foreach (var input in recipe.Inputs)
        {
            sets = (int)Math.Min(sets, InventoryRules.CountOf(inventory, input.ItemId) / input.Quantity);
        }

        return sets;
    }

    /// <summary>Why the player cannot make the recipe now (level, a tool, the materials), or None.</summary>
    public static RejectionReason Check(Recipe recipe, in Inventory inventory, in Skills skills)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (skills.Level(recipe.Skill) < recipe.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        foreach (var tool in recipe.Tools)
        {
            if (InventoryRules.FindStack(inventory, tool) < 0)
            {
                return RejectionReason.NoTool;
            }
        }

        return Sets(recipe, inventory) > 0 ? RejectionReason.None : RejectionReason.NoMaterials;
    }

    /// <summary>
    /// Uses up <paramref name="sets"/> sets of inputs and, when <paramref name="succeeded"/>, adds
    /// what they make at <paramref name="level"/>. All or nothing: when the product does not fit
    /// (even in the room the inputs left) the inventory is unchanged and the reason is returned.
    /// </summary>
    public static RejectionReason TryMake(Recipe recipe, ref Inventory inventory, ItemCatalog items, int sets, int level, bool succeeded, out int made)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(items);
        made = 0;
        if (sets <= 0 || Sets(recipe, inventory) < sets)
        {
            return RejectionReason.NoMaterials;
        }

        var before = inventory;
        foreach (var input in recipe.Inputs)
        {
            InventoryRules.TakeItems(ref inventory, input.ItemId, input.Quantity * sets, InventoryRules.FindStack(inventory, input.ItemId));
        }

        if (!succeeded)
        {
            return RejectionReason.None;
        }

        var product = items[recipe.ProductId];
        var quantity = (long)recipe.QuantityAt(level) * sets;
        var result = quantity > int.MaxValue ? RejectionReason.InventoryFull : InventoryRules.TryAdd(ref inventory, product, (int)quantity);
        if (result != RejectionReason.None)
        {
            inventory = before;
            return result;
        }

        made = (int)quantity;
        return RejectionReason.None;
    }
}
