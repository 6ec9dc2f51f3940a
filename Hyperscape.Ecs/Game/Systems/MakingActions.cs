using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>
/// The actions that start making something: lighting logs, cooking, and making a recipe's
/// product. Each validates and sets the player's <see cref="Processing"/>; the
/// <see cref="ProcessingSystem"/> makes the attempts.
/// </summary>
internal static class MakingActions
{
    /// <summary>Light logs where the player stands.</summary>
    public static RejectionReason Light(GameContext context, Entity player, in PlayerAction action)
    {
        if (ActionSystem.ItemInSlot(context, player, action.Slot, out var logs) is not RejectionReason.None and var missing)
        {
            return missing;
        }

        if (logs!.Burnable is not { } burnable)
        {
            return RejectionReason.CannotMake;
        }

        var world = context.World;
        if (world.GetReadOnly<Skills>(player).Level(Skill.Firemaking) < burnable.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        if (InventoryRules.FindStack(world.GetReadOnly<Inventory>(player), burnable.ToolId) < 0)
        {
            return RejectionReason.NoTool;
        }

        if (context.ObjectOn(world.GetReadOnly<Position>(player).Tile))
        {
            return RejectionReason.NoRoomForFire;
        }

        StartMaking(context, player, new Processing { Kind = ProcessingKind.Light, ItemId = logs.Id, Remaining = 1, NextTick = context.Tick + 1 });
        return RejectionReason.None;
    }

    /// <summary>Cook raw food on a fire or range ("make-X").</summary>
    public static RejectionReason UseItemOnObject(GameContext context, Entity player, in PlayerAction action)
    {
        if (ActionSystem.ItemInSlot(context, player, action.Slot, out var raw) is not RejectionReason.None and var missing)
        {
            return missing;
        }

        var world = context.World;
        if (!context.TryResolve(action.Target, out var station) || !world.TryGet<WorldObject>(station, out var placed))
        {
            return RejectionReason.TargetNotFound;
        }

        if (raw!.Cookable is not { } cookable || placed.Kind is not (WorldObjectKind.Fire or WorldObjectKind.Range))
        {
            return RejectionReason.CannotMake;
        }

        if (action.Quantity < 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        if (world.GetReadOnly<Skills>(player).Level(Skill.Cooking) < cookable.Level)
        {
            return RejectionReason.LevelTooLow;
        }

        if (world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(station).Tile) > 1)
        {
            return RejectionReason.TargetTooFar;
        }

        // Make-X: the batch goes on, one an attempt, while raw food of this kind lasts.
        var count = action.Quantity == 0 ? int.MaxValue : action.Quantity;
        StartMaking(context, player, new Processing { Kind = ProcessingKind.Cook, ItemId = raw.Id, Station = station, Remaining = count, NextTick = context.Tick + 1 });
        return RejectionReason.None;
    }

    /// <summary>Make a recipe's product ("make-X"), at its station if it needs one.</summary>
    public static RejectionReason Make(GameContext context, Entity player, in PlayerAction action)
    {
        if (!context.Recipes.TryGet(action.Value, out var recipe))
        {
            return RejectionReason.CannotMake;
        }

        if (action.Quantity < 0)
        {
            return RejectionReason.InvalidQuantity;
        }

        var world = context.World;
        var station = Entity.Null;
        if (recipe.Station is { } kind)
        {
            if (!context.TryResolve(action.Target, out station) || !world.TryGet<WorldObject>(station, out var placed))
            {
                return RejectionReason.TargetNotFound;
            }

            // A rune altar makes only its own rune.
            if (placed.Kind != kind || (kind == WorldObjectKind.RuneAltar && placed.Variant != recipe.ProductId))
            {
                return RejectionReason.CannotMake;
            }

            if (world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(station).Tile) > 1)
            {
                return RejectionReason.TargetTooFar;
            }
        }
        else if (action.Target != 0)
        {
            return RejectionReason.InvalidTarget;
        }

        var check = RecipeRules.Check(recipe, world.GetReadOnly<Inventory>(player), world.GetReadOnly<Skills>(player));
        if (check != RejectionReason.None)
        {
            return check;
        }

        var count = action.Quantity == 0 || recipe.All ? int.MaxValue : action.Quantity;
        StartMaking(context, player, new Processing { Kind = ProcessingKind.Make, ItemId = recipe.ProductId, Station = station, Remaining = count, NextTick = context.Tick + 1 });
        return RejectionReason.None;
    }

    /// <summary>Starts making something in place of whatever the player was doing.</summary>
    private static void StartMaking(GameContext context, Entity player, in Processing work)
    {
        context.StopWork(player, RejectionReason.None, tell: false);
        var world = context.World;
        world.Get<Movement>(player).Stop();
        world.Get<CombatState>(player).Target = Entity.Null;
        world.Get<Processing>(player) = work;
    }
}
