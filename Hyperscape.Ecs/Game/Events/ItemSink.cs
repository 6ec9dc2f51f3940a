namespace Hyperscape.Ecs.Game.Events;

/// <summary>The only ways items may leave existence.</summary>
public enum ItemSink : byte
{
    /// <summary>Food eaten.</summary>
    Eaten = 1,

    /// <summary>A ground item nobody picked up in time.</summary>
    Despawned = 2,

    /// <summary>Buried for prayer XP.</summary>
    Buried = 3,

    /// <summary>Used up by gathering (bait, feathers).</summary>
    Consumed = 4,

    /// <summary>Coins paid to a shop.</summary>
    Spent = 5,

    /// <summary>Sold to a shop.</summary>
    Sold = 6,

    /// <summary>Logs burnt into a fire.</summary>
    Burned = 7,

    /// <summary>Raw food cooked (or burnt) into something else.</summary>
    Cooked = 8,

    /// <summary>Used up making something from a recipe (whether the make succeeded or not).</summary>
    Made = 9,

    /// <summary>Ammunition that broke when it was fired.</summary>
    Broken = 10,

    /// <summary>Runes used up casting a spell.</summary>
    Cast = 11,
}
