using Hyperscape.Ecs.Game.Events;
using Hyperscape.Ecs.Game.Pipeline;

namespace Hyperscape.Ecs.Game.Systems;

/// <summary>Restocks every shop on its own rhythm: a line one step toward its normal quantity.</summary>
internal sealed class ShopSystem : IGameSystem
{
    /// <inheritdoc />
    public void Update(TickContext tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var context = tick.Game;
        foreach (var shop in context.Shops.All)
        {
            if (context.Tick % shop.Definition.RestockTicks != 0)
            {
                continue;
            }

            var version = shop.Version;
            shop.Restock();
            if (shop.Version != version)
            {
                context.Emit(new GameEvent(GameEventKind.ShopRestocked, 0, A: shop.Definition.Id));
            }
        }
    }
}
