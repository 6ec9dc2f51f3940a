using Hyperscape.Ecs.Game.Components;
using Hyperscape.Ecs.Store;

namespace Hyperscape.Ecs.Game.Trading;

/// <summary>
/// An open trade. Offered items stay in their owners' inventories until the swap (which is one
/// atomic step), so a trade abandoned at any point moves nothing.
/// </summary>
internal sealed class TradeSession
{
    public long FirstId { get; set; }

    public long SecondId { get; set; }

    public Entity First { get; set; }

    public Entity Second { get; set; }

    public TradeStage Stage { get; set; }

    public bool FirstAccepted { get; set; }

    public bool SecondAccepted { get; set; }

    /// <summary>Per inventory slot of the first trader, what is offered from it.</summary>
    public InventorySlots FirstOffer;

    /// <summary>Per inventory slot of the second trader, what is offered from it.</summary>
    public InventorySlots SecondOffer;

    public void Reset(long firstId, Entity first, long secondId, Entity second)
    {
        FirstId = firstId;
        First = first;
        SecondId = secondId;
        Second = second;
        Stage = TradeStage.Offer;
        FirstAccepted = false;
        SecondAccepted = false;
        FirstOffer = default;
        SecondOffer = default;
    }

    public long PartnerOf(long playerId) => playerId == FirstId ? SecondId : FirstId;

    public ref InventorySlots OfferOf(long playerId) => ref playerId == FirstId ? ref FirstOffer : ref SecondOffer;
}
