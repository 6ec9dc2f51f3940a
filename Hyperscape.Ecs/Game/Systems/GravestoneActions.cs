using Hyperscape.Ecs.Game.Actions;
using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Rules;
using Hyperscape.Ecs.Persistence;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>Looting one's own gravestone: everything that fits comes back into the inventory in one item transaction.</summary>
internal static class GravestoneActions
{
    /// <summary>Takes what fits from the player's own gravestone <see cref="PlayerAction.Target"/>, standing on or next to it.</summary>
    public static RejectionReason Loot(GameContext context, Entity player, in PlayerAction action)
    {
        var world = context.World;
        if (!context.TryResolve(action.Target, out var grave))
        {
            return RejectionReason.TargetNotFound;
        }

        if (!world.Has<Gravestone>(grave))
        {
            return RejectionReason.InvalidTarget;
        }

        ref var stone = ref world.Get<Gravestone>(grave);
        if (stone.OwnerCharacterId != world.GetReadOnly<Player>(player).CharacterId)
        {
            return RejectionReason.NotYourItem;
        }

        if (world.GetReadOnly<Position>(player).Tile.DistanceTo(world.GetReadOnly<Position>(grave).Tile) > context.Options.PickupRange)
        {
            return RejectionReason.TargetTooFar;
        }

        ref var inventory = ref world.Get<Inventory>(player);
        var taken = 0;
        for (var slot = 0; slot < Gravestone.SlotCount; slot++)
        {
            var stack = stone.Slots[slot];

            // An item the content no longer defines stays in the grave rather than vanish.
            if (!stack.IsEmpty && context.Items.TryGet(stack.ItemId, out var item) && InventoryRules.TryAdd(ref inventory, item, stack.Quantity) == RejectionReason.None)
            {
                stone.Slots[slot] = default;
                taken++;
            }
        }

        if (taken == 0)
        {
            return RejectionReason.InventoryFull;
        }

        var transaction = context.NewTransactionId();
        context.Emit(new GameEvent(GameEventKind.InventoryChanged, action.PlayerId, Transaction: transaction));
        if (stone.StackCount > 0)
        {
            context.RecordItems(transaction, ItemTransactionKind.GravestoneLoot, [player], [], [], gravestone: grave);
            return RejectionReason.None;
        }

        context.Emit(new GameEvent(GameEventKind.GravestoneBroken, action.PlayerId, action.Target, 0, Transaction: transaction));
        context.Forget(grave, action.Target);
        context.RecordItems(transaction, ItemTransactionKind.GravestoneLoot, [player], [], [], gravestoneRemoved: action.Target);
        return RejectionReason.None;
    }
}
