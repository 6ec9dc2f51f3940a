namespace Hyperscape.Ecs.Game.Trading;

/// <summary>The two screens of a trade.</summary>
internal enum TradeStage : byte
{
    /// <summary>Offers may change; both accept to move on.</summary>
    Offer = 1,

    /// <summary>Offers are frozen; both accept again to swap.</summary>
    Confirm = 2,
}
